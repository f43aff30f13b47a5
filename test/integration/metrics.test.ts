/**
 * The metrics an operator alerts on, after a known workload: one generation made through the
 * REST API and run by a real worker process (its first model attempt answered 503, so one
 * retry), a queue-probe job and a job whose payload breaks its contract (dead-lettered), a
 * review decision that publishes the content, the webhook delivery that follows, and an A/B
 * rollout. `/api/metrics` and the worker's own port are scraped and each family is checked
 * against the workload and the database.
 *
 * Other test files share the run's database and may queue jobs and deliveries while this
 * worker runs, and it takes whatever is queued: families labelled by this test's brand (model
 * calls, review, rollouts, webhook backlog) and the in-process API's own counters are checked
 * exactly; the worker's unlabelled-by-brand counters (jobs, generations, webhook attempts,
 * checks) at least count this workload.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import { and, desc, eq, gte, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  brands,
  contentItems,
  contentRevisions,
  generationAttempts,
  generations,
  models,
  modelVersions,
  rolloutDecisions,
  webhookSubscriptions,
} from "@/db/schema";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { createBoss } from "@/lib/jobs/boss";
import { JOBS } from "@/lib/jobs/contracts";
import { sendJob } from "@/lib/jobs/send-job";
import { listen } from "@/lib/http/testing/listen";
import { startFaultyUpstream } from "@/lib/models/testing/faulty-upstream";
import { expireStateMetrics } from "@/lib/monitoring/refresh-state-metrics";
import { decide } from "@/lib/review/decide";
import { startRollout } from "@/lib/rollout/start-rollout";
import { createWebhookSubscription } from "@/lib/webhooks/create-webhook-subscription";
import { startApiFixture, SAFE_COPY, type ApiFixture } from "@/test/api/fixture";
import { parseMetrics, type Scrape } from "@/test/metrics-text";
import { spawnEntry, waitFor, type Spawned } from "@/test/spawn";
import { startReceiver } from "@/test/webhook-receiver";

const TOKEN = "worker-metrics-token-0123456789";
const GENERATION_QUEUE = JOBS.runGeneration.name;
const PROBE_QUEUE = JOBS.queueProbe.name;

let f: ApiFixture;
let worker: Spawned | undefined;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let upstream: { baseUrl: string; close: () => Promise<void> };
let failOnce: Awaited<ReturnType<typeof startFaultyUpstream>>;
/** In this test's brief: its first model call is the one that fails. */
const MARKER = `metrics-${randomUUID()}`;
beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1";
  f = await startApiFixture();
  receiver = await startReceiver();
  // The worker's upstream: this test's first call fails with a retryable 503 and its retry
  // answers; any other call (a generation another test file left queued) goes to the fixture's
  // upstream, which always answers, so it cannot use up the 503.
  failOnce = await startFaultyUpstream([
    { kind: "status", status: 503 },
    { kind: "ok", text: SAFE_COPY, json: JSON.stringify({ post: SAFE_COPY }) },
  ]);
  const always = new URL(process.env.MODEL_BASE_URL!).origin;
  const mine = new URL(failOnce.baseUrl).origin;
  upstream = await listen(
    http.createServer(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      const answer = await fetch(`${body.includes(MARKER) ? mine : always}${req.url}`, {
        method: req.method,
        headers: { "content-type": "application/json" },
        body: req.method === "POST" ? body : undefined,
      });
      res.writeHead(answer.status, {
        "content-type": answer.headers.get("content-type") ?? "application/json",
      });
      res.end(await answer.text());
    }),
  );
  process.env.MODEL_BASE_URL = upstream.baseUrl;
  resetEnvCache();
}, 120_000);
afterAll(async () => {
  if (worker && worker.child.exitCode === null) {
    worker.child.kill("SIGTERM");
    await worker.exited;
  }
  await receiver?.close();
  await upstream?.close();
  await failOnce?.close();
  await f?.close();
  delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
  resetEnvCache();
});

async function scrapeApi(): Promise<Scrape> {
  expireStateMetrics();
  const res = await fetch(`${f.baseUrl}/api/metrics`);
  expect(res.status).toBe(200);
  return parseMetrics(await res.text());
}

function startWorker(): Promise<number> {
  worker = spawnEntry("workers/index.ts", {
    WORKER_METRICS_PORT: "0",
    METRICS_TOKEN: TOKEN,
    WEBHOOK_ALLOW_PRIVATE_TARGETS: "1",
    WEBHOOK_POLL_INTERVAL_MS: "100",
    MODEL_BASE_URL: upstream.baseUrl,
    LOG_LEVEL: "warn",
  });
  return new Promise((resolve, reject) => {
    worker!.child.on("message", (m: { type?: string; metricsPort?: number }) => {
      if (m?.type === "ready") resolve(m.metricsPort!);
    });
    worker!.ready.catch(reject);
  });
}

describe("metrics after a known workload", () => {
  it("/api/metrics and the worker's port report each family with the workload's counts", async () => {
    const [brand] = await db().select({ slug: brands.slug }).from(brands).where(eq(brands.id, f.brandId));
    const b = brand!.slug;
    // Only this test's endpoint receives webhooks: the fixture's point at an address never called.
    await db().delete(webhookSubscriptions).where(eq(webhookSubscriptions.brandId, f.brandId));
    await createWebhookSubscription(f.admin, {
      brandId: f.brandId,
      url: receiver.url,
      eventTypes: ["content.approved"],
    });

    // The fixture ran its own generation in-process; its job, still queued, is not this workload.
    await db().execute(sql`delete from pgboss.job where name = ${GENERATION_QUEUE} and state < 'active'`);
    // Before any worker runs: a queued probe shows as the queue's depth and age.
    await sendJob("queueProbe", { actor: { kind: "system" }, marker: `metrics-${Date.now()}` });
    const before = await scrapeApi();
    expect(before.value("brandgate_jobs_queued", { queue: PROBE_QUEUE })).toBeGreaterThanOrEqual(1);
    expect(before.value("brandgate_jobs_oldest_queued_age_seconds", { queue: PROBE_QUEUE })).toBeGreaterThan(
      0,
    );
    const approvalsBefore = before.value("brandgate_review_decisions_total", { decision: "approve" });
    const startsBefore = before.value("brandgate_rollout_decisions_total", { decision: "started" });

    const workerStarted = new Date();
    const port = await startWorker();
    const workerUrl = `http://127.0.0.1:${port}/metrics`;
    const scrapeWorker = async () => {
      const res = await fetch(workerUrl, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      return parseMetrics(await res.text());
    };
    // The worker's port is guarded like /api/metrics.
    expect((await fetch(workerUrl)).status).toBe(401);
    expect((await fetch(workerUrl, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);

    // A job whose payload breaks its contract: fails once (no retries), then is dead-lettered.
    const boss = createBoss(db(), { supervise: false });
    await boss.start();
    await boss.send(PROBE_QUEUE, { marker: "" }, { retryLimit: 0 });
    await boss.stop({ graceful: false, close: false });

    // One generation through the REST API, run by the worker.
    const created = await fetch(`${f.baseUrl}/api/v1/generations`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${f.keys.all}` },
      body: JSON.stringify({
        templateVersionId: f.templateVersionId,
        brief: { summary: `Rain jackets ${MARKER}` },
      }),
    });
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };
    const generation = await waitFor(
      async () => {
        const res = await fetch(`${f.baseUrl}/api/v1/generations/${id}`, {
          headers: { authorization: `Bearer ${f.keys.all}` },
        });
        const view = (await res.json()) as { status: string };
        return view.status !== "queued" && view.status !== "running" && view;
      },
      90_000,
      "the generation to finish",
    );
    expect(generation.status).toBe("succeeded");
    const [gen] = await db().select().from(generations).where(eq(generations.id, id));
    const [revision] = await db()
      .select()
      .from(contentRevisions)
      .where(eq(contentRevisions.contentItemId, gen!.contentItemId!));
    const [version] = await db()
      .select({ tag: modelVersions.tag, model: models.slug })
      .from(modelVersions)
      .innerJoin(models, eq(models.id, modelVersions.modelId))
      .where(eq(modelVersions.id, revision!.modelVersionId!));
    const labels = { brand: b, model: version!.model, version: version!.tag };

    // The content waits at the first stage; one item made overdue shows as such.
    const [item] = await db().select().from(contentItems).where(eq(contentItems.id, gen!.contentItemId!));
    expect(item!.status).toBe("in_review");
    const waiting = async () =>
      (
        await db().execute<{ n: number }>(
          sql`select count(*)::int as n from content_items where brand_id = ${f.brandId} and status = 'in_review'`,
        )
      )[0]!.n;
    const waitingBefore = await waiting();
    await db()
      .update(contentItems)
      .set({ stageEnteredAt: sql`now() - interval '25 hours'` })
      .where(eq(contentItems.id, item!.id));
    const inReview = await scrapeApi();
    expect(inReview.value("brandgate_review_items_waiting", { brand: b, stage: "Brand review" })).toBe(
      waitingBefore,
    );
    expect(inReview.value("brandgate_review_items_overdue", { brand: b, stage: "Brand review" })).toBe(1);

    // A review decision publishes it; the content.approved webhook reaches the receiver.
    const decision = await decide(f.admin, {
      brandId: f.brandId,
      contentItemId: item!.id,
      revisionId: item!.currentRevisionId!,
      stageIndex: item!.stageIndex,
      decision: "approve",
    });
    expect(decision.outcome).toBe("published");
    await waitFor(async () => receiver.received.length > 0, 30_000, "the webhook delivery");

    // An A/B rollout of the demo model's candidate at 20%.
    const [demo] = await db()
      .select({ id: models.id })
      .from(models)
      .where(and(eq(models.brandId, f.brandId), eq(models.slug, version!.model)));
    const candidate = (
      await db().select().from(modelVersions).where(eq(modelVersions.modelId, demo!.id))
    ).find((v) => v.id !== revision!.modelVersionId)!;
    const rollout = await startRollout(f.admin, {
      brandId: f.brandId,
      modelId: demo!.id,
      candidateVersionId: candidate.id,
      strategy: "ab",
      config: { abWeight: 20, primaryMetric: "check_pass_rate", minSamplesPerArm: 100 },
    });

    // The worker: what it did, counted in its own process.
    const w = await waitFor(
      async () => {
        const s = await scrapeWorker();
        return (
          s.value("brandgate_webhook_attempts_total", { outcome: "delivered" }) >= 1 &&
          s.value("brandgate_jobs_failed_total", { queue: PROBE_QUEUE }) >= 1 &&
          s.value("brandgate_jobs_completed_total", { queue: PROBE_QUEUE }) >= 1 &&
          s
        );
      },
      30_000,
      "the worker's counters",
    );
    const completed = w.value("brandgate_jobs_completed_total", { queue: GENERATION_QUEUE });
    expect(completed).toBeGreaterThanOrEqual(1);
    expect(
      w.value("brandgate_job_duration_seconds_count", { queue: GENERATION_QUEUE, outcome: "completed" }),
    ).toBe(completed);
    expect(w.value("brandgate_generations_total", { outcome: "succeeded" })).toBeGreaterThanOrEqual(1);
    expect(w.families.get("brandgate_jobs_active")).toBe("gauge");

    // Model attempts: the 503, its retry, and exactly what generation_attempts holds.
    const attempts = await waitFor(
      async () => {
        const rows = await db()
          .select()
          .from(generationAttempts)
          .where(
            and(
              eq(generationAttempts.versionId, revision!.modelVersionId!),
              gte(generationAttempts.startedAt, workerStarted),
            ),
          );
        return rows.length >= 2 && rows;
      },
      10_000,
      "the attempts to be recorded",
    );
    const ok = attempts.filter((a) => a.outcome === "ok");
    const attemptCount = (outcome: string) =>
      w.value("brandgate_model_attempt_duration_seconds_count", { ...labels, served_as: "primary", outcome });
    expect(attemptCount("ok")).toBe(ok.length);
    expect(attemptCount("error")).toBe(1);
    expect(w.value("brandgate_model_retries_total", labels)).toBe(1);
    expect(w.sum("brandgate_model_fallbacks_total")).toBe(0);
    expect(w.value("brandgate_model_tokens_total", { ...labels, type: "input" })).toBe(
      ok.reduce((n, a) => n + (a.tokensIn ?? 0), 0),
    );
    expect(w.value("brandgate_model_tokens_total", { ...labels, type: "output" })).toBe(
      ok.reduce((n, a) => n + (a.tokensOut ?? 0), 0),
    );
    expect(w.value("brandgate_model_tokens_total", { ...labels, type: "output" })).toBeGreaterThan(0);
    expect(w.value("brandgate_model_breaker_state", { ...labels, state: "closed" })).toBe(1);
    expect(w.value("brandgate_model_breaker_state", { ...labels, state: "open" })).toBe(0);

    // Checks: every result stored with the content was counted, by check id and verdict.
    const results = (
      await db().execute<{ check_id: string; verdict: string }>(sql`
        select r->>'checkId' as check_id, r->>'verdict' as verdict
        from content_revisions cr, jsonb_array_elements(cr.check_results->'results') r
        where cr.content_item_id = ${item!.id}`)
    ).slice();
    for (const r of results)
      expect(
        w.value("brandgate_check_results_total", { check: r.check_id, verdict: r.verdict }),
      ).toBeGreaterThan(0);
    expect(w.sum("brandgate_check_results_total")).toBeGreaterThan(0);

    // The web process: HTTP by route template, state gauges, its own decisions.
    const api = await scrapeApi();
    expect(
      api.value("brandgate_http_request_duration_seconds_count", {
        surface: "api",
        route: "/api/v1/generations",
        method: "POST",
        status: "202",
      }),
    ).toBe(1);
    expect(
      api.value("brandgate_http_request_duration_seconds_count", {
        surface: "api",
        route: "/api/v1/generations/:id",
        method: "GET",
        status: "200",
      }),
    ).toBeGreaterThan(0);
    // No id, of any row, in any label.
    for (const s of api.samples) expect(Object.values(s.labels).join(" ")).not.toContain(id);

    expect(api.value("brandgate_jobs_dead", { queue: PROBE_QUEUE })).toBeGreaterThanOrEqual(1);
    // Every contract's queue has its series, at 0 when empty, so a rule sees it exist.
    for (const { name } of Object.values(JOBS))
      for (const family of [
        "brandgate_jobs_queued",
        "brandgate_jobs_dead",
        "brandgate_jobs_oldest_queued_age_seconds",
      ])
        expect(
          api.samples.some((s) => s.name === family && s.labels.queue === name),
          `${family} ${name}`,
        ).toBe(true);
    expect(api.value("brandgate_review_items_waiting", { brand: b, stage: "Brand review" })).toBe(
      waitingBefore - 1,
    );
    expect(api.value("brandgate_review_items_overdue", { brand: b, stage: "Brand review" })).toBe(0);
    expect(api.value("brandgate_review_decisions_total", { decision: "approve" })).toBe(approvalsBefore + 1);
    expect(api.value("brandgate_webhook_deliveries_pending", { brand: b })).toBe(0);
    expect(api.value("brandgate_webhook_deliveries_dead", { brand: b })).toBe(0);

    const [last] = await db()
      .select()
      .from(rolloutDecisions)
      .where(eq(rolloutDecisions.rolloutId, rollout.id))
      .orderBy(desc(rolloutDecisions.at), desc(rolloutDecisions.id))
      .limit(1);
    const candidateLabels = { brand: b, model: version!.model, version: candidate.tag };
    expect(api.value("brandgate_rollouts_live", { brand: b, status: "active" })).toBe(1);
    expect(api.value("brandgate_rollout_candidate_weight_ratio", candidateLabels)).toBe(
      last!.weightAfter / 100,
    );
    expect(api.value("brandgate_rollout_candidate_weight_ratio", candidateLabels)).toBe(0.2);
    expect(
      api.value("brandgate_rollout_last_decision_timestamp_seconds", {
        ...candidateLabels,
        decision: last!.decision,
      }),
    ).toBeCloseTo(last!.at.getTime() / 1000, 0);
    expect(api.value("brandgate_rollout_decisions_total", { decision: "started" })).toBe(startsBefore + 1);

    // The worker serves the same state gauges from the same registry code.
    const again = await scrapeWorker();
    expect(again.value("brandgate_jobs_dead", { queue: PROBE_QUEUE })).toBe(
      api.value("brandgate_jobs_dead", { queue: PROBE_QUEUE }),
    );
    expect(again.value("brandgate_rollouts_live", { brand: b, status: "active" })).toBe(1);
    expect(again.families.get("brandgate_process_cpu_seconds_total")).toBe("counter");
  }, 180_000);
});
