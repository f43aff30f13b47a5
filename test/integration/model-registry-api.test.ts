/**
 * The model registry over REST with an API key, against OpenAI-compatible servers started
 * here (the built-in model server, and a stub that answers like OpenAI: keys, unknown models,
 * rate limits, usage): create a model, register versions (the connection test, the evaluation
 * run by the job worker, the canary it opens), move labels by hand, roll back, retire — and
 * the bad inputs, each a 4xx naming the field with nothing stored. Nothing calls the internet.
 */
import { and, eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEntries, modelLabels, modelRoutes, models, modelVersions, rollouts } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import type { UserPrincipal } from "@/lib/auth/principal";
import { DEMO_KIT, type BrandKit } from "@/lib/brand/kit";
import { publishKitVersion } from "@/lib/brand/kits/publish-kit-version";
import { saveKitVersion } from "@/lib/brand/kits/save-kit-version";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { stopSender } from "@/lib/jobs/send-job";
import { createBuiltinModelServer } from "@/lib/models/builtin/create-builtin-server";
import { listen } from "@/lib/http/testing/listen";
import { startOpenAIStub } from "@/lib/models/testing/openai-stub";
import { buildApi } from "@/server/api/app";
import { createBrand, createUser, signedIn } from "@/test/factories";
import { startJobWorker } from "@/test/job-worker";

/** The demo kit plus the slips brandgate-copy-2 makes, so that version fails its gates. */
const KIT: BrandKit = {
  ...DEMO_KIT,
  competitors: [...DEMO_KIT.competitors, "Contoso"],
  bannedTerms: [
    ...DEMO_KIT.bannedTerms,
    { term: "guaranteed", reason: "We promise a warranty, not results" },
    { term: "best-in-class", reason: "An unsupported superlative" },
  ],
};
const STUB_KEY = "sk-stub-right-key-0123456789";

let app: FastifyInstance;
let api: string;
let builtin: { baseUrl: string; close: () => Promise<void> };
let stub: Awaited<ReturnType<typeof startOpenAIStub>>;
let worker: { stop: () => Promise<void> };
let brandId: string;
let admin: UserPrincipal;
const keys = { write: "", generateOnly: "", otherBrand: "" };

/** Response bodies are checked shape by shape with toMatchObject, so they are read loosely here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

async function call(method: string, path: string, body?: unknown, key = keys.write) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, location: res.headers.get("location"), body: JSON.parse(text) as Body };
}

const versionCount = async () =>
  (
    await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(modelVersions)
  )[0]!.n;

async function waitForState(statusUrl: string, states: string[], timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  const seen: unknown[] = [];
  for (;;) {
    const res = await call("GET", statusUrl);
    expect(res.status).toBe(200);
    seen.push(res.body.progress);
    if (states.includes(res.body.state)) return { ...res.body, seen };
    if (Date.now() > until) throw new Error(`still ${res.body.state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const good = () => ({
  baseUrl: builtin.baseUrl,
  upstreamModel: "brandgate-copy-1",
  temperature: 0.7,
  maxTokens: 400,
  jsonMode: "json_schema" as const,
});

beforeAll(async () => {
  builtin = await listen(createBuiltinModelServer());
  stub = await startOpenAIStub({ apiKey: STUB_KEY, models: ["gpt-stub-mini"] });
  app = await buildApi();
  await app.listen({ host: "127.0.0.1", port: 0 });
  api = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  brandId = (await createBrand("Acme Registry")).id;
  const otherBrandId = (await createBrand("Other Registry")).id;
  admin = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
  const otherAdmin = (await (await signedIn((await createUser(otherBrandId, "admin")).id)).session())!;
  const kit = await saveKitVersion(admin, { brandId, baseVersion: null, content: KIT });
  await publishKitVersion(admin, { brandId, versionId: kit.id });
  const key = async (session: UserPrincipal, brand: string, scopes: ("generate" | "models:write")[]) =>
    (
      await createApiKey(session, {
        brandId: brand,
        name: "registry test",
        scopes,
        rateLimitPerMinute: 100_000,
        monthlyGenerationQuota: 1_000_000,
      })
    ).plaintext;
  keys.write = await key(admin, brandId, ["models:write", "generate"]);
  keys.generateOnly = await key(admin, brandId, ["generate"]);
  keys.otherBrand = await key(otherAdmin, otherBrandId, ["models:write"]);
  worker = await startJobWorker(["evaluateModelVersion"]);
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await app?.close();
  await builtin?.close();
  await stub?.close();
  await stopSender();
});

describe("the model registry over REST", () => {
  it("creates a model, lists it in OpenAI's shape, and refuses keys without models:write", async () => {
    const created = await call("POST", "/api/v1/models", {
      kind: "generation",
      name: "Acme Copy",
      policy: { autoCanary: true, canaryWeight: 5 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: "acme-copy", kind: "generation" });
    expect(created.location).toBe("/api/v1/models/acme-copy");

    const again = await call("POST", "/api/v1/models", { kind: "generation", name: "Acme Copy" });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ path: "name" });

    const refused = await call(
      "POST",
      "/api/v1/models",
      { kind: "generation", name: "Nope" },
      keys.generateOnly,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.details).toMatchObject({ scope: "models:write" });

    const list = await call("GET", "/api/v1/models", undefined, keys.generateOnly);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      object: "list",
      data: [{ id: "acme-copy", object: "model", owned_by: "brandgate", kind: "generation", versions: [] }],
    });
    expect(typeof list.body.data[0].created).toBe("number");
    // Another brand's key sees none of it.
    const other = await call("GET", "/api/v1/models/acme-copy/versions/1", undefined, keys.otherBrand);
    expect(other.status).toBe(404);
  });

  it("registers a first version: 202 with a status URL, evaluated, then labelled stable by hand", async () => {
    const res = await call("POST", "/api/v1/models/acme-copy/versions", { ...good(), version: "v1" });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.location).toBe("/api/v1/models/acme-copy/versions/v1");
    expect(res.body).toMatchObject({ version: "v1", number: 1, state: "evaluating" });
    expect(res.body.connection.models).toContain("brandgate-copy-1");

    const done = await waitForState(res.location!, ["ready", "rejected", "error", "canary"]);
    // No stable to compare with or canary against: the floors pass, and it is ready.
    expect(done.state).toBe("ready");
    expect(done.evaluation.status).toBe("passed");

    const move = await call("POST", "/api/v1/models/acme-copy/labels", {
      label: "stable",
      version: "v1",
      reason: "first release",
    });
    expect(move.status).toBe(200);
    expect((await call("GET", res.location!)).body).toMatchObject({ state: "stable", labels: ["stable"] });
    const [audit] = await db()
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, "model.label_moved"), eq(auditEntries.brandId, brandId)));
    expect(audit!.data).toMatchObject({ reason: "first release" });
  }, 120_000);

  it("a passing version opens a canary with progress on the way; rollback aborts it and stable serves", async () => {
    const res = await call("POST", "/api/v1/models/acme-copy/versions", {
      ...good(),
      version: "v2",
      temperature: 0.5,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const done = await waitForState(res.location!, ["canary", "ready", "rejected", "error"]);
    expect(done.state).toBe("canary");
    expect(done.rollout).toMatchObject({ strategy: "canary", status: "active", weight: 5 });
    expect(done.evaluation.gates.every((g: { passed: boolean }) => g.passed)).toBe(true);
    // Progress was reported while it ran (40 briefs: the candidate's and stable's).
    // (total 0 while still queued, before the run knows its set)
    const progress = (done.seen as ({ done: number; total: number } | null)[]).filter(
      (p) => p && p.total > 0,
    );
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).toContainEqual({ done: expect.any(Number), total: 40 });
    expect(progress.every((p) => p!.total === 40 && p!.done <= 40)).toBe(true);

    const model = (await db().select().from(models).where(eq(models.slug, "acme-copy")))[0]!;
    const route = async () =>
      (await db().select().from(modelRoutes).where(eq(modelRoutes.modelId, model.id)))[0]!;
    expect(await route()).toMatchObject({ mode: "split", candidateWeight: 5 });

    const back = await call("POST", "/api/v1/models/acme-copy/rollback", { reason: "canary looked off" });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ stable: { from: "v1", to: "v1" } });
    expect(back.body.abortedRolloutId).toBe(done.rollout.id);
    expect(await route()).toMatchObject({ mode: "stable", candidateWeight: 0 });
    const [rollout] = await db().select().from(rollouts).where(eq(rollouts.id, done.rollout.id));
    expect(rollout!.status).toBe("aborted");
    expect((await call("GET", res.location!)).body.state).toBe("ready");
    const audits = await db()
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, "model.rolled_back"), eq(auditEntries.brandId, brandId)));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actor).toMatchObject({ kind: "api_key" });

    // With no rollout live, rollback moves stable back to the version before it.
    expect(
      (
        await call("POST", "/api/v1/models/acme-copy/labels", {
          label: "stable",
          version: "v2",
          reason: "promote by hand",
        })
      ).status,
    ).toBe(200);
    const again = await call("POST", "/api/v1/models/acme-copy/rollback", {});
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ abortedRolloutId: null, stable: { from: "v2", to: "v1" } });
    const [stable] = await db()
      .select()
      .from(modelLabels)
      .where(and(eq(modelLabels.modelId, model.id), eq(modelLabels.label, "stable")));
    const [v1] = await db()
      .select()
      .from(modelVersions)
      .where(and(eq(modelVersions.modelId, model.id), eq(modelVersions.tag, "v1")));
    expect(stable!.versionId).toBe(v1!.id);
  }, 180_000);

  it("a failing version is rejected with its reasons; retire refuses labelled versions", async () => {
    const res = await call("POST", "/api/v1/models/acme-copy/versions", {
      ...good(),
      upstreamModel: "brandgate-copy-2",
      version: "v3-wordy",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const done = await waitForState(res.location!, ["rejected", "ready", "canary", "error"]);
    expect(done.state).toBe("rejected");
    expect(done.evaluation.failedGates).toContain("pass rate");
    expect(done.evaluation.summary).toMatch(/^Failed \d+ of 8 gates/);
    const label = await call("POST", "/api/v1/models/acme-copy/labels", {
      label: "candidate",
      version: "v3-wordy",
      reason: "try anyway",
    });
    expect(label.status).toBe(409);

    const retireStable = await call("POST", "/api/v1/models/acme-copy/versions/v1/retire", { reason: "old" });
    expect(retireStable.status).toBe(409);
    expect(retireStable.body.error.details).toMatchObject({ path: "version" });
    const retired = await call("POST", "/api/v1/models/acme-copy/versions/v3-wordy/retire", {
      reason: "rejected",
    });
    expect(retired.status).toBe(200);
    expect((await call("GET", res.location!)).body.state).toBe("retired");
    // Retiring sets retired_at, the one column the immutability trigger lets change; the rest
    // of a retired version stays as it was registered.
    const forged = await db()
      .execute(sql`update model_versions set notes = 'forged' where tag = 'v3-wordy'`)
      .then(
        () => "allowed",
        (err: Error) => String((err.cause as Error | undefined)?.message ?? err.message),
      );
    expect(forged).toMatch(/model_versions is immutable: UPDATE refused/);
  }, 180_000);

  it("refuses bad registrations with a 4xx naming the field, and stores nothing", async () => {
    const before = await versionCount();
    const register = (body: object, model = "acme-copy") =>
      call("POST", `/api/v1/models/${model}/versions`, { ...good(), ...body });
    const fieldOf = (res: { body: Body }) =>
      Array.isArray(res.body.error.details) ? res.body.error.details[0].path : res.body.error.details?.path;

    const unknownModel = await register({}, "no-such-model");
    expect(unknownModel.status).toBe(404);
    expect(fieldOf(unknownModel)).toBe("model");

    const duplicate = await register({ version: "v1" });
    expect(duplicate.status).toBe(409);
    expect(fieldOf(duplicate)).toBe("version");

    // A port nothing listens on.
    const closed = await listen(createBuiltinModelServer());
    await closed.close();
    const unreachable = await register({ baseUrl: closed.baseUrl });
    expect(unreachable.status).toBe(400);
    expect(fieldOf(unreachable)).toBe("baseUrl");
    expect(unreachable.body.error.message).toMatch(/unreachable: ECONNREFUSED/);

    const wrongKey = await register({
      baseUrl: stub.baseUrl,
      upstreamModel: "gpt-stub-mini",
      apiKey: "sk-wrong-key-9999",
    });
    expect(wrongKey.status).toBe(400);
    expect(fieldOf(wrongKey)).toBe("apiKey");
    expect(wrongKey.body.error.message).toMatch(/401: Incorrect API key provided/);
    expect(JSON.stringify(wrongKey.body)).not.toContain("sk-wrong-key-9999");

    const unknownUpstream = await register({
      baseUrl: stub.baseUrl,
      upstreamModel: "gpt-nope",
      apiKey: STUB_KEY,
    });
    expect(unknownUpstream.status).toBe(400);
    expect(fieldOf(unknownUpstream)).toBe("upstreamModel");
    expect(unknownUpstream.body.error.message).toMatch(
      /unknown model "gpt-nope"; the endpoint lists: gpt-stub-mini/,
    );

    const limited = await register({
      baseUrl: stub.baseUrl,
      upstreamModel: "rate-limited",
      apiKey: STUB_KEY,
    });
    expect(limited.status).toBe(400);
    expect(fieldOf(limited)).toBe("apiKey");
    expect(limited.body.error.message).toMatch(/429: Rate limit reached/);

    const unsetVariable = await register({
      baseUrl: stub.baseUrl,
      upstreamModel: "gpt-stub-mini",
      secretEnv: "BRANDGATE_PROVIDER_NOT_SET",
    });
    expect(unsetVariable.status).toBe(400);
    expect(fieldOf(unsetVariable)).toBe("secretEnv");

    const notPrefixed = await register({
      baseUrl: stub.baseUrl,
      upstreamModel: "gpt-stub-mini",
      secretEnv: "AUTH_SECRET",
    });
    expect(notPrefixed.status).toBe(400);
    expect(fieldOf(notPrefixed)).toBe("secretEnv");
    expect(notPrefixed.body.error.details[0].message).toMatch(/BRANDGATE_PROVIDER_/);

    // The SSRF guard, with private addresses refused as in production.
    process.env.MODEL_ALLOW_PRIVATE_BASE_URLS = "0";
    resetEnvCache();
    try {
      const metadata = await register({ baseUrl: "http://169.254.169.254/v1" });
      expect(metadata.status).toBe(400);
      expect(fieldOf(metadata)).toBe("baseUrl");
      expect(metadata.body.error.message).toMatch(/SSRF guard.*169\.254\.169\.254/);
      const loopbackStub = await register({
        baseUrl: stub.baseUrl,
        upstreamModel: "gpt-stub-mini",
        apiKey: STUB_KEY,
      });
      expect(loopbackStub.status).toBe(400);
      expect(fieldOf(loopbackStub)).toBe("baseUrl");
    } finally {
      process.env.MODEL_ALLOW_PRIVATE_BASE_URLS = "1";
      resetEnvCache();
    }

    const invalid = await register({ baseUrl: "ftp://x", temperature: 9 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "baseUrl",
      "temperature",
    ]);

    expect(await versionCount()).toBe(before);
  }, 60_000);

  it("seals a key it accepts and never shows it again", async () => {
    const res = await call("POST", "/api/v1/models/acme-copy/versions", {
      baseUrl: stub.baseUrl,
      upstreamModel: "gpt-stub-mini",
      apiKey: STUB_KEY,
      version: "stub-1",
      priceInputPerMillion: 0.15,
      priceOutputPerMillion: 0.6,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(stub.requests.at(-1)).toMatchObject({
      path: "/v1/chat/completions",
      authorization: `Bearer ${STUB_KEY}`,
    });
    const status = await call("GET", res.location!);
    expect(JSON.stringify(status.body)).not.toContain(STUB_KEY);
    const [row] = await db().select().from(modelVersions).where(eq(modelVersions.tag, "stub-1"));
    expect(row).toMatchObject({ provider: "openai-compatible", secretEnv: null, priceInputPerMillion: 0.15 });
    expect(row!.secretCiphertext!.toString("utf8")).not.toContain(STUB_KEY);
    const audits = await db().select().from(auditEntries).where(eq(auditEntries.brandId, brandId));
    expect(JSON.stringify(audits)).not.toContain(STUB_KEY);
  }, 60_000);
});
