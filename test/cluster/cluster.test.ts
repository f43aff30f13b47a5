/**
 * Scale-out (issue 9): two web instances and two workers on one real PostgreSQL, behind a
 * round-robin balancer (scripts/cluster). What must hold with more than one of each process:
 * limits count once for the whole fleet, an idempotency key executes once whichever instance
 * it reaches, a rollout decision is served by every instance within a second, each job runs
 * once on some worker, and killing a web instance mid-load loses no accepted event.
 */
import { randomBytes } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_KEY_SCOPES, contentRevisions, events, generations, modelLabels } from "@/db/schema";
import { rateBlockSize } from "@/lib/api-keys/enforce-rate-limit";
import { createApiKey, type CreateApiKeyInput } from "@/lib/api-keys/create-api-key";
import { closeDb, db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { insertModel } from "@/lib/models/registry/insert-model";
import { insertModelVersion } from "@/lib/models/registry/insert-model-version";
import { moveLabel } from "@/lib/models/registry/move-label";
import { seedDemoModels } from "@/lib/models/seed-demo-models";
import { abortRollout } from "@/lib/rollout/abort-rollout";
import { startRollout } from "@/lib/rollout/start-rollout";
import { startCluster, type Cluster } from "@/scripts/cluster/cluster";
import { startApiFixture, type ApiFixture } from "@/test/api/fixture";
import { waitFor } from "@/test/spawn";
import { burst, call, roomInThisMinute, sleep, type Answer } from "./http";

let cluster: Cluster;
let fx: ApiFixture;
const run = randomBytes(3).toString("hex");

beforeAll(async () => {
  const started = performance.now();
  // CLUSTER_WEB=full runs the real web server (server/index.ts: Next.js and the API; needs
  // `npm run build`); by default the API-only instance, which serves /api/v1 the same way.
  const fullWeb = process.env.CLUSTER_WEB === "full";
  cluster = await startCluster({
    serverUrl: process.env.DATABASE_URL!,
    webs: 2,
    workers: 2,
    fullWeb,
    env: { WORKER_CONCURRENCY: "2" },
  });
  // This process sets up brands and keys and checks results in the cluster's database.
  process.env.DATABASE_URL = cluster.databaseUrl;
  process.env.AUTH_SECRET = cluster.authSecret;
  resetEnvCache();
  fx = await startApiFixture();
  console.log(
    `cluster (${fullWeb ? "full" : "API-only"} web) up in ${Math.round(performance.now() - started)} ms`,
  );
});

afterAll(async () => {
  await fx?.close();
  await closeDb();
  await cluster?.stop();
});

const web = (i: number) => cluster.webs[i % cluster.webs.length]!.url;

async function key(input: Partial<CreateApiKeyInput>): Promise<string> {
  const created = await createApiKey(fx.admin, {
    brandId: fx.brandId,
    name: "cluster test",
    scopes: [...API_KEY_SCOPES],
    rateLimitPerMinute: 100_000,
    monthlyGenerationQuota: 100_000_000,
    ...input,
  });
  return created.plaintext;
}

const readContent = (baseUrl: string, apiKey: string) =>
  call(baseUrl, "GET", `/api/v1/content/${fx.publishedContentId}`, apiKey);

const chat = (baseUrl: string, apiKey: string, unit: string) =>
  call(
    baseUrl,
    "POST",
    "/api/v1/chat/completions",
    apiKey,
    {
      model: fx.modelName,
      messages: [{ role: "user", content: "One line about our rain jacket for weekend hikers." }],
    },
    { "x-brandgate-brand": fx.brandId, "x-brandgate-unit": unit, "x-brandgate-channel": "social" },
  );

/** The version that answered: a served answer names it, and so does one withheld by the output checks (422). */
const versionOf = (a: Answer) => {
  const body = a.json as {
    brandgate?: { version_id?: string };
    error?: { details?: { versionId?: string } };
  };
  return body.brandgate?.version_id ?? body.error?.details?.versionId;
};

describe("rate limits and quotas across instances", () => {
  it("admits exactly the limit over both instances, the same as one instance, for a limit under 100/min", async () => {
    const limit = 40;
    expect(rateBlockSize(limit)).toBe(1);
    const spread = await key({ rateLimitPerMinute: limit });
    const single = await key({ rateLimitPerMinute: limit });
    await roomInThisMinute(20);
    const across = await burst(70, 10, (i) => readContent(web(i), spread));
    const alone = await burst(70, 10, () => readContent(web(0), single));
    expect(Object.fromEntries(across)).toEqual({ 200: limit, 429: 30 });
    expect(Object.fromEntries(alone)).toEqual({ 200: limit, 429: 30 });
  });

  it("never exceeds a large limit, and under-admits by at most one block per instance", async () => {
    const limit = 500;
    const block = rateBlockSize(limit);
    expect(block).toBe(10);
    const requests = limit + 60;
    // A burst must fall in one minute window; on a slow machine one may straddle two (and
    // rightly admit more): then it runs again in the next window with a fresh key.
    for (let attempt = 1; ; attempt++) {
      const k = await key({ rateLimitPerMinute: limit });
      await roomInThisMinute(30);
      const started = new Date();
      const statuses = await burst(requests, 16, (i) => readContent(web(i), k));
      const ended = new Date();
      const ms = ended.getTime() - started.getTime();
      if (ended.getUTCMinutes() !== started.getUTCMinutes() && attempt < 3) {
        console.log(`burst of ${requests} took ${ms} ms and crossed a minute boundary; again`);
        continue;
      }
      const ok = statuses.get(200) ?? 0;
      console.log(`limit ${limit}/min, ${requests} requests over 2 instances in ${ms} ms: ${ok} admitted`);
      expect(ok + (statuses.get(429) ?? 0)).toBe(requests);
      expect(ok).toBeLessThanOrEqual(limit);
      expect(ok).toBeGreaterThanOrEqual(limit - cluster.webs.length * (block - 1));
      return;
    }
  });

  it("takes no more than the monthly generation quota however the calls are spread", async () => {
    const quota = 5;
    const k = await key({ monthlyGenerationQuota: quota, chatEnabled: true });
    // An answer the output checks withhold (422) gives its generation back: quota pays for
    // answers. So concurrently, at most `quota` answers…
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => chat(web(i), k, `quota-${i}`)));
    for (const a of answers) expect([200, 422, 429]).toContain(a.status);
    let served = answers.filter((a) => a.status === 200).length;
    expect(served).toBeLessThanOrEqual(quota);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(12 - quota);
    // …and one call at a time, alternating instances, until refused: exactly `quota` in all.
    for (let i = 0; i < 40; i++) {
      const a = await chat(web(i), k, `quota-more-${i}`);
      if (a.status === 429) break;
      expect([200, 422]).toContain(a.status);
      if (a.status === 200) served++;
    }
    expect(served).toBe(quota);
    for (let i = 0; i < 2; i++) expect((await chat(web(i), k, "quota-after")).status).toBe(429);
  });
});

describe("idempotency across instances", () => {
  it("executes a key sent to both instances at once exactly once, and replays it on both", async () => {
    for (let round = 0; round < 5; round++) {
      const summary = `Idempotency ${run} round ${round}`;
      const body = { templateVersionId: fx.templateVersionId, brief: { summary } };
      const headers = { "idempotency-key": `cluster-${run}-${round}` };
      const post = (i: number) => call(web(i), "POST", "/api/v1/generations", fx.keys.all, body, headers);
      const first = await Promise.all([post(0), post(1)]);
      // The loser either waits out the winner's run (409, retry later) or replays its answer.
      for (const a of first) expect([202, 409]).toContain(a.status);
      const ids = new Set(first.filter((a) => a.status === 202).map((a) => (a.json as { id: string }).id));
      expect(ids.size).toBe(1);
      const [id] = [...ids];
      const replays = await Promise.all([post(0), post(1)]);
      for (const a of replays) {
        expect(a.status).toBe(202);
        expect((a.json as { id: string }).id).toBe(id);
        expect(a.headers.get("idempotent-replayed")).toBe("true");
      }
      const rows = await db()
        .select({ id: generations.id })
        .from(generations)
        .where(sql`${generations.brief}->>'summary' = ${summary}`);
      expect(rows).toEqual([{ id }]);
    }
  });
});

describe("rollouts across instances", () => {
  /** Polls one instance until it serves `version`; the time from `since` to that answer. */
  async function seenAfter(baseUrl: string, version: string, since: number, unit: string): Promise<number> {
    for (;;) {
      const a = await chat(baseUrl, fx.keys.all, unit);
      expect([200, 422]).toContain(a.status);
      if (versionOf(a) === version) return performance.now() - since;
      if (performance.now() - since > 5000) throw new Error(`${baseUrl} still not serving ${version}`);
    }
  }

  it("serves a start and an abort on every instance within one second", async () => {
    const { modelId } = await seedDemoModels(db(), fx.brandId);
    const labels = await db().select().from(modelLabels).where(eq(modelLabels.modelId, modelId));
    const stable = labels.find((l) => l.label === "stable")!.versionId;
    const candidate = labels.find((l) => l.label === "candidate")!.versionId;
    const unit = `rollout-${run}`;
    for (let i = 0; i < 2; i++) expect(versionOf(await chat(web(i), fx.keys.all, unit))).toBe(stable);

    // blue_green sends every unit to the candidate; the sample floor keeps the workers'
    // minutely analysis from deciding anything during the test.
    const rollout = await startRollout(fx.admin, {
      brandId: fx.brandId,
      modelId,
      candidateVersionId: candidate,
      strategy: "blue_green",
      config: { primaryMetric: "latency_ms", minSamplesPerArm: 1_000_000 },
    });
    const started = performance.now();
    const toCandidate = await Promise.all(
      cluster.webs.map((w) => seenAfter(w.url, candidate, started, unit)),
    );
    await abortRollout(fx.admin, { rolloutId: rollout.id, reason: "cluster test" });
    const aborted = performance.now();
    const toStable = await Promise.all(cluster.webs.map((w) => seenAfter(w.url, stable, aborted, unit)));
    console.log(
      `rollout seen after start: ${toCandidate.map(Math.round).join(", ")} ms; after abort: ${toStable.map(Math.round).join(", ")} ms`,
    );
    for (const ms of [...toCandidate, ...toStable]) expect(ms).toBeLessThan(1000);
  });
});

describe("rollback across instances", () => {
  /** A chat with the model `slug` through one instance: the version that answered. */
  const servedBy = async (baseUrl: string, slug: string, unit: string) => {
    const a = await call(
      baseUrl,
      "POST",
      "/api/v1/chat/completions",
      fx.keys.all,
      { model: slug, messages: [{ role: "user", content: "One line about our rain jacket." }] },
      { "x-brandgate-brand": fx.brandId, "x-brandgate-unit": unit, "x-brandgate-channel": "social" },
    );
    expect([200, 422]).toContain(a.status);
    return versionOf(a);
  };

  it("serves the old stable on the other instance at the very next request after a rollback", async () => {
    // A model of its own (the built-in copy model's two versions), so the rollout case above
    // and the workers' analysis leave it alone. Set up in the database; every lever below is
    // pulled over the API, as a pipeline would.
    const model = await insertModel(db(), {
      brandId: fx.brandId,
      kind: "generation",
      name: `Rollback ${run}`,
    });
    const spec = (modelName: string) => ({
      kind: "generation" as const,
      provider: "builtin" as const,
      modelName,
      parameters: { temperature: 0.7, maxTokens: 400, structuredOutput: "json_schema" as const },
    });
    const v1 = await insertModelVersion(db(), model.id, spec("brandgate-copy-1"), null);
    const v2 = await insertModelVersion(db(), model.id, spec("brandgate-copy-2"), null);
    await moveLabel(
      { model: model.id, label: "stable", versionId: v1.id, actor: "system:test", reason: "v1" },
      db(),
    );
    const [a, b] = [web(0), web(1)];
    const unit = `rollback-${run}`;

    // v2 promoted to stable through B; both instances serve it, so both have it cached.
    const promoted = await call(b, "POST", `/api/v1/models/${model.slug}/labels`, fx.keys.all, {
      label: "stable",
      version: v2.tag,
      reason: "promote v2",
    });
    expect(promoted.status).toBe(200);
    for (const w of [a, b, a, b]) expect(await servedBy(w, model.slug, unit)).toBe(v2.id);

    // Rollback through A; the next request through B, with no wait in between, gets v1.
    const back = await call(a, "POST", `/api/v1/models/${model.slug}/rollback`, fx.keys.all, {
      reason: "cluster test",
    });
    expect(back.status).toBe(200);
    expect(back.json).toEqual({ abortedRolloutId: null, stable: { from: v2.tag, to: v1.tag } });
    expect(await servedBy(b, model.slug, unit)).toBe(v1.id);
    expect(await servedBy(a, model.slug, unit)).toBe(v1.id);

    // A live canary sending every unit to v2: both instances serve it; rollback through B
    // aborts it, and the next request through A is back on v1.
    const rollout = await startRollout(fx.admin, {
      brandId: fx.brandId,
      modelId: model.id,
      candidateVersionId: v2.id,
      strategy: "blue_green",
      config: { primaryMetric: "latency_ms", minSamplesPerArm: 1_000_000 },
    });
    for (const w of [a, b, a, b]) expect(await servedBy(w, model.slug, unit)).toBe(v2.id);
    const aborted = await call(b, "POST", `/api/v1/models/${model.slug}/rollback`, fx.keys.all, {});
    expect(aborted.status).toBe(200);
    expect(aborted.json).toEqual({ abortedRolloutId: rollout.id, stable: { from: v1.tag, to: v1.tag } });
    expect(await servedBy(a, model.slug, unit)).toBe(v1.id);
    expect(await servedBy(b, model.slug, unit)).toBe(v1.id);
  });
});

describe("jobs across workers", () => {
  interface Done {
    job: string;
    worker: string;
  }
  const linesOf = (output: string, msg: string): Done[] =>
    output
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Done & { msg: string; name: string })
      .filter((l) => l.msg === msg && l.name === "generation.run.v1");

  it("spreads generations over both workers and runs none twice", async () => {
    const n = 16;
    const accepted = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        call(cluster.balancer.url, "POST", "/api/v1/generations", fx.keys.all, {
          templateVersionId: fx.templateVersionId,
          brief: { summary: `Job spread ${run} ${i}` },
        }),
      ),
    );
    expect(accepted.map((a) => a.status)).toEqual(Array(n).fill(202));
    // Every generation queued in this run: these, the idempotency rounds', and the fixture's
    // (which the fixture also ran in its own process: the worker's run of it must change nothing).
    const queued = await db()
      .select({ id: generations.id })
      .from(generations)
      .where(eq(generations.brandId, fx.brandId));
    const ids = queued.map((g) => g.id);
    await waitFor(
      async () => {
        const open = await db()
          .select({ id: generations.id })
          .from(generations)
          .where(and(inArray(generations.id, ids), inArray(generations.status, ["queued", "running"])));
        return open.length === 0;
      },
      90_000,
      "every generation to finish",
    );
    const done = await waitFor(
      async () => {
        const all = cluster.workers.flatMap((w) => linesOf(w.output(), "job done"));
        return all.length >= ids.length ? all : null;
      },
      10_000,
      "the workers' logs",
    );
    const perWorker = new Map<string, number>();
    for (const d of done) perWorker.set(d.worker, (perWorker.get(d.worker) ?? 0) + 1);
    console.log(`generation jobs per worker: ${JSON.stringify(Object.fromEntries(perWorker))}`);
    expect(done).toHaveLength(ids.length);
    expect(new Set(done.map((d) => d.job)).size).toBe(ids.length);
    expect(perWorker.size).toBe(2);
    expect(cluster.workers.flatMap((w) => linesOf(w.output(), "job failed"))).toEqual([]);
    // The effect, once each: no generation stored two revisions, and every succeeded one stored one.
    const revisions = await db()
      .select({ generationId: contentRevisions.generationId, n: sql<number>`count(*)::int` })
      .from(contentRevisions)
      .where(inArray(contentRevisions.generationId, ids))
      .groupBy(contentRevisions.generationId);
    const succeeded = await db()
      .select({ id: generations.id })
      .from(generations)
      .where(and(inArray(generations.id, ids), eq(generations.status, "succeeded")));
    expect(succeeded.length).toBeGreaterThan(0);
    expect(revisions.every((r) => r.n === 1)).toBe(true);
    expect(revisions.map((r) => r.generationId)).toEqual(expect.arrayContaining(succeeded.map((g) => g.id)));
  });
});

describe("losing a web instance", () => {
  it("loses no accepted event when one instance is killed mid-load", async () => {
    const perBatch = 50;
    const batches = Array.from({ length: 80 }, (_, b) =>
      Array.from({ length: perBatch }, (_, i) => ({
        id: `cluster-${run}-${b}-${i}`,
        type: "impression" as const,
        unit: `unit-${i}`,
        content_id: fx.publishedContentId,
        occurred_at: new Date().toISOString(),
      })),
    );
    const queue = [...batches.keys()];
    const acked = new Set<number>();
    let failures = 0;
    let ackedAfterKill = 0;
    let killed = false;
    const victim = cluster.webs[0]!;

    const send = async (b: number) => {
      // The client's retry: the same events (same ids) until one answer says they are stored.
      for (let attempt = 0; attempt < 100; attempt++) {
        const answer = await call(cluster.balancer.url, "POST", "/api/v1/events", fx.keys.all, {
          events: batches[b],
        }).catch(() => null);
        if (answer?.status === 200) {
          const { accepted, duplicates } = answer.json as { accepted: number; duplicates: number };
          expect(accepted + duplicates).toBe(perBatch);
          acked.add(b);
          if (killed) ackedAfterKill++;
          return;
        }
        if (answer && answer.status < 500) throw new Error(`events refused: ${JSON.stringify(answer.json)}`);
        failures++;
        await sleep(50);
      }
      throw new Error(`batch ${b} never acknowledged`);
    };
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let b = queue.shift(); b !== undefined; b = queue.shift()) {
          await send(b);
          if (!killed && acked.size >= 20) {
            killed = true;
            victim.child.kill("SIGKILL");
          }
        }
      }),
    );
    const { signal } = await victim.exited;
    expect(signal).toBe("SIGKILL");
    console.log(
      `events: ${acked.size} batches acknowledged, ${ackedAfterKill} after the kill, ${failures} failed calls retried`,
    );
    expect(acked.size).toBe(batches.length);
    expect(ackedAfterKill).toBeGreaterThan(0);

    const [stored] = await db()
      .select({
        n: sql<number>`count(*)::int`,
        distinct: sql<number>`count(distinct ${events.externalId})::int`,
      })
      .from(events)
      .where(and(eq(events.brandId, fx.brandId), sql`${events.externalId} like ${`cluster-${run}-%`}`));
    expect(stored).toEqual({ n: batches.length * perBatch, distinct: batches.length * perBatch });
    // The survivor still answers for the fleet.
    expect((await call(cluster.balancer.url, "GET", "/api/health", fx.keys.all)).status).toBe(200);
  });
});
