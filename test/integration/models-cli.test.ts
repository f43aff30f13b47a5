/**
 * `brandgate models register … --wait` (bin/brandgate.mjs) as a pipeline runs it: a child
 * process talking only to a running Brandgate's REST API (started here, with the job worker
 * and the built-in model server on loopback). A passing version exits 0 and opens a canary;
 * a failing one exits 1 with the failed gates; a refused registration exits 2 naming the field.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelRoutes, models, modelVersions, rollouts } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { DEMO_KIT, type BrandKit } from "@/lib/brand/kit";
import { publishKitVersion } from "@/lib/brand/kits/publish-kit-version";
import { saveKitVersion } from "@/lib/brand/kits/save-kit-version";
import { db } from "@/lib/db";
import { stopSender } from "@/lib/jobs/send-job";
import { createBuiltinModelServer } from "@/lib/models/builtin/create-builtin-server";
import { createModel } from "@/lib/models/registry/create-model";
import { insertModelVersion } from "@/lib/models/registry/insert-model-version";
import { moveLabel } from "@/lib/models/registry/move-label";
import { listen } from "@/lib/http/testing/listen";
import { buildApi } from "@/server/api/app";
import { createBrand, createUser, signedIn } from "@/test/factories";
import { startJobWorker } from "@/test/job-worker";

const CLI = path.resolve(import.meta.dirname, "../../bin/brandgate.mjs");
const KIT: BrandKit = {
  ...DEMO_KIT,
  competitors: [...DEMO_KIT.competitors, "Contoso"],
  bannedTerms: [
    ...DEMO_KIT.bannedTerms,
    { term: "guaranteed", reason: "We promise a warranty, not results" },
    { term: "best-in-class", reason: "An unsupported superlative" },
  ],
};

let app: FastifyInstance;
let apiUrl: string;
let builtin: { baseUrl: string; close: () => Promise<void> };
let worker: { stop: () => Promise<void> };
let apiKey: string;
let modelId: string;

function cli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        // Only what a pipeline would set: nothing of this test's own environment leaks in.
        env: {
          NODE_ENV: "production",
          PATH: process.env.PATH ?? "",
          BRANDGATE_URL: apiUrl,
          BRANDGATE_API_KEY: apiKey,
          ...env,
        },
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const register = (version: string, upstreamModel: string, extra: string[] = []) =>
  cli([
    "models",
    "register",
    "--model",
    "cli-copy",
    "--version",
    version,
    "--base-url",
    builtin.baseUrl,
    "--upstream-model",
    upstreamModel,
    "--temperature",
    "0.5",
    "--max-tokens",
    "400",
    "--json-mode",
    "json_schema",
    "--wait",
    "--interval",
    "0.2",
    ...extra,
  ]);

beforeAll(async () => {
  builtin = await listen(createBuiltinModelServer());
  app = await buildApi();
  await app.listen({ host: "127.0.0.1", port: 0 });
  apiUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const brandId = (await createBrand("CLI brand")).id;
  const admin = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
  const kit = await saveKitVersion(admin, { brandId, baseVersion: null, content: KIT });
  await publishKitVersion(admin, { brandId, versionId: kit.id });
  const model = await createModel(admin, {
    brandId,
    kind: "generation",
    name: "CLI Copy",
    policy: { autoCanary: true, canaryWeight: 5 },
  });
  modelId = model.id;
  const v1 = await insertModelVersion(
    db(),
    model.id,
    {
      kind: "generation",
      provider: "openai-compatible",
      baseUrl: builtin.baseUrl,
      modelName: "brandgate-copy-1",
      parameters: { temperature: 0.7, maxTokens: 400, structuredOutput: "json_schema" },
    },
    null,
  );
  await moveLabel({
    model: model.id,
    label: "stable",
    versionId: v1.id,
    reason: "seed",
    actor: "system:test",
  });
  apiKey = (
    await createApiKey(admin, {
      brandId,
      name: "ci",
      scopes: ["models:write"],
      rateLimitPerMinute: 100_000,
      monthlyGenerationQuota: 1_000,
    })
  ).plaintext;
  worker = await startJobWorker(["evaluateModelVersion"]);
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await app?.close();
  await builtin?.close();
  await stopSender();
});

describe("brandgate models register --wait", () => {
  it("exits 0 for a passing version, which opens a canary", async () => {
    const run = await register("2026.12.1", "brandgate-copy-1");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/registered cli-copy 2026\.12\.1 \(#2\); connection ok/);
    expect(run.stdout).toMatch(/evaluating: \d+\/40 briefs/);
    expect(run.stdout).toMatch(/cli-copy 2026\.12\.1: canary\n {2}canary: 5% of traffic/);
    const [version] = await db()
      .select()
      .from(modelVersions)
      .where(and(eq(modelVersions.modelId, modelId), eq(modelVersions.tag, "2026.12.1")));
    const [rollout] = await db().select().from(rollouts).where(eq(rollouts.candidateVersionId, version!.id));
    expect(rollout).toMatchObject({ strategy: "canary", status: "active" });
    const [route] = await db().select().from(modelRoutes).where(eq(modelRoutes.modelId, modelId));
    expect(route).toMatchObject({ mode: "split", candidateWeight: 5 });

    // And the pipeline can roll it back.
    const back = await cli(["models", "rollback", "--model", "cli-copy", "--reason", "ci says no"]);
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(/aborted rollout .*; stable stays 1/);
  }, 120_000);

  it("exits 1 for a failing version, with the reasons", async () => {
    const run = await register("2026.12.2", "brandgate-copy-2");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cli-copy 2026\.12\.2: rejected/);
    expect(run.stderr).toMatch(/Failed \d+ of 8 gates/);
    expect(run.stderr).toMatch(/failed gate: pass rate = [\d.]+ \(needs >= 0\.9\)/);
  }, 120_000);

  it("exits 2 naming the field when the registration is refused, storing nothing", async () => {
    const before = (await db().select().from(modelVersions).where(eq(modelVersions.modelId, modelId))).length;
    const run = await register("2026.12.3", "no-such-model");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/400 validation_failed: The connection test failed/);
    expect(run.stderr).toMatch(/upstreamModel: unknown model "no-such-model"/);
    const missing = await cli(["models", "register", "--model", "cli-copy"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--version is required/);
    const noKey = await cli(["models", "list"], { BRANDGATE_API_KEY: "" });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/BRANDGATE_API_KEY is not set/);
    expect((await db().select().from(modelVersions).where(eq(modelVersions.modelId, modelId))).length).toBe(
      before,
    );
    expect((await db().select().from(models).where(eq(models.id, modelId))).length).toBe(1);
  }, 60_000);
});
