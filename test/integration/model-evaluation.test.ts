/**
 * The continuous-deployment loop on the built-in model, against a real database and the
 * built-in model server on loopback: registering the wordier, sloppier brandgate-copy-2 fails
 * its evaluation and is rejected; registering a good version passes and starts a canary.
 */
import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEntries,
  evaluationBriefs,
  generationAttempts,
  modelEvaluations,
  modelLabels,
  modelRoutes,
  modelVersions,
  rollouts,
} from "@/db/schema";
import type { UserPrincipal } from "@/lib/auth/principal";
import { DEMO_KIT, type BrandKit } from "@/lib/brand/kit";
import { publishKitVersion } from "@/lib/brand/kits/publish-kit-version";
import { saveKitVersion } from "@/lib/brand/kits/save-kit-version";
import { db } from "@/lib/db";
import { stopSender } from "@/lib/jobs/send-job";
import { createBuiltinModelServer } from "@/lib/models/builtin/create-builtin-server";
import { addEvaluationBrief } from "@/lib/evaluation/add-evaluation-brief";
import { GOLDEN_SET_VERSION } from "@/lib/evaluation/load-evaluation-set";
import { listModelEvaluations } from "@/lib/evaluation/list-model-evaluations";
import { runModelEvaluation } from "@/lib/evaluation/run-model-evaluation";
import { createModel } from "@/lib/models/registry/create-model";
import { createModelVersion } from "@/lib/models/registry/create-model-version";
import { insertModelVersion } from "@/lib/models/registry/insert-model-version";
import { moveLabel } from "@/lib/models/registry/move-label";
import { listen } from "@/lib/http/testing/listen";
import { createBrand, createUser, signedIn } from "@/test/factories";

/** The demo kit, plus the slips the built-in models make (SLIP_TERMS) as rules of this brand. */
const KIT: BrandKit = {
  ...DEMO_KIT,
  competitors: [...DEMO_KIT.competitors, "Contoso"],
  bannedTerms: [
    ...DEMO_KIT.bannedTerms,
    { term: "guaranteed", reason: "We promise a warranty, not results" },
    { term: "best-in-class", reason: "An unsupported superlative" },
  ],
};

let close: () => Promise<void>;
let baseUrl: string;
let brandId: string;
let admin: UserPrincipal;
let marketer: UserPrincipal;
let modelId: string;
let stableId: string;

const builtin = (modelName: string, notes: string) => ({
  kind: "generation" as const,
  provider: "builtin" as const,
  baseUrl,
  modelName,
  notes,
  parameters: { temperature: 0.7, maxTokens: 400, structuredOutput: "json_schema" as const },
  resilience: { attemptTimeoutMs: 10_000, deadlineMs: 20_000, maxRetries: 1 },
});

async function evaluationOf(versionId: string) {
  const [row] = await db().select().from(modelEvaluations).where(eq(modelEvaluations.versionId, versionId));
  return row!;
}

const run = (evaluationId: string) =>
  runModelEvaluation({ actor: { kind: "user", userId: admin.user.id, brandId }, evaluationId });

beforeAll(async () => {
  const server = await listen(createBuiltinModelServer());
  close = server.close;
  baseUrl = server.baseUrl;
  brandId = (await createBrand("Acme Outdoor")).id;
  admin = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
  marketer = (await (await signedIn((await createUser(brandId, "marketer")).id)).session())!;
  const kit = await saveKitVersion(admin, { brandId, baseVersion: null, content: KIT });
  await publishKitVersion(admin, { brandId, versionId: kit.id });
  const model = await createModel(admin, {
    brandId,
    kind: "generation",
    name: "Brandgate Copy",
    policy: { autoCanary: true, canaryWeight: 5 },
  });
  modelId = model.id;
  // Stable as the demo seed makes it: registered before the gate existed, so not evaluated.
  const v1 = await insertModelVersion(db(), modelId, builtin("brandgate-copy-1", "Concise"), null);
  stableId = v1.id;
  await moveLabel({
    model: modelId,
    label: "stable",
    versionId: v1.id,
    reason: "seed",
    actor: "system:test",
  });
});

afterAll(async () => {
  await close();
  await stopSender();
});

describe("the evaluation gate", () => {
  it("rejects the worse built-in version with a report naming the failed gates", async () => {
    const v2 = await createModelVersion(admin, { modelId, version: builtin("brandgate-copy-2", "Wordier") });
    const queued = await evaluationOf(v2.id);
    expect(queued.status).toBe("queued");

    const result = await run(queued.id);
    expect(result.status).toBe("failed");
    const done = await evaluationOf(v2.id);
    expect(done).toMatchObject({
      status: "failed",
      baselineVersionId: stableId,
      setVersion: GOLDEN_SET_VERSION,
    });
    const gates = done.gates as { name: string; passed: boolean; value: number; threshold: number }[];
    const failed = gates.filter((g) => !g.passed).map((g) => g.name);
    expect(failed).toContain("pass rate");
    expect(failed).toContain("pass rate vs stable");
    expect(done.report).toMatchObject({ failedGates: failed });
    expect((done.report as { summary: string }).summary).toMatch(/^Failed \d+ of 8 gates: pass rate/);
    const metrics = done.metrics as { candidate: { passRate: number }; baseline: { passRate: number } };
    expect(metrics.candidate.passRate).toBeLessThan(metrics.baseline.passRate);
    expect((done.report as { briefs: unknown[] }).briefs).toHaveLength(20);

    // Rejected: no label may point at it, so no rollout can start with it.
    await expect(
      moveLabel({
        model: modelId,
        label: "candidate",
        versionId: v2.id,
        reason: "try",
        actor: `user:${admin.user.id}`,
      }),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/rejected/) });
    const labels = await db().select().from(modelLabels).where(eq(modelLabels.modelId, modelId));
    expect(labels.map((l) => l.label)).toEqual(["stable"]);
    const [audit] = await db()
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, "model.evaluation_failed"), eq(auditEntries.targetId, v2.id)));
    expect(audit).toBeDefined();
  });

  it("passes a good version and starts its canary: candidate label and a 5% split", async () => {
    const v3 = await createModelVersion(admin, {
      modelId,
      version: {
        ...builtin("brandgate-copy-1", "Concise, cooler"),
        parameters: { temperature: 0.5, maxTokens: 400, structuredOutput: "json_schema" },
      },
    });
    const evaluation = await evaluationOf(v3.id);
    const result = await run(evaluation.id);
    expect(result).toMatchObject({ status: "passed", canary: { started: true, weight: 5 } });
    const rolloutId = (result.canary as { rolloutId: string }).rolloutId;
    const done = await evaluationOf(v3.id);
    expect((done.gates as { passed: boolean }[]).every((g) => g.passed)).toBe(true);
    const labels = await db().select().from(modelLabels).where(eq(modelLabels.modelId, modelId));
    expect(Object.fromEntries(labels.map((l) => [l.label, l.versionId]))).toEqual({
      stable: stableId,
      candidate: v3.id,
    });
    const [route] = await db().select().from(modelRoutes).where(eq(modelRoutes.modelId, modelId));
    expect(route).toMatchObject({ mode: "split", candidateWeight: 5, salt: rolloutId });
    // A real rollout the analysis job ramps: canary, active, started by the evaluation.
    const [rollout] = await db().select().from(rollouts).where(eq(rollouts.id, rolloutId));
    expect(rollout).toMatchObject({
      modelId,
      stableVersionId: stableId,
      candidateVersionId: v3.id,
      strategy: "canary",
      status: "active",
      createdBy: null,
    });
    expect((rollout!.config as { steps: { weight: number }[] }).steps.map((st) => st.weight)).toEqual([
      5, 25, 50,
    ]);

    // Idempotent: a second delivery of the job changes nothing and calls no model.
    const calls = async () =>
      (
        await db()
          .select({ n: sql<number>`count(*)::int` })
          .from(generationAttempts)
          .where(like(generationAttempts.requestId, `eval-${evaluation.id}-%`))
      )[0]!.n;
    const before = await calls();
    expect(before).toBe(40);
    expect(await run(evaluation.id)).toEqual({ evaluationId: evaluation.id, status: "passed" });
    expect(await calls()).toBe(before);
    const rows = await db().select().from(modelEvaluations).where(eq(modelEvaluations.versionId, v3.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.finishedAt).toEqual(done.finishedAt);
  });

  it("refuses a marketer, and names the field of bad input without changing anything", async () => {
    await expect(
      createModelVersion(marketer, { modelId, version: builtin("brandgate-copy-1", "x") }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      addEvaluationBrief(marketer, { brandId, template: "social-post", summary: "A post about boots" }),
    ).rejects.toMatchObject({ status: 403 });
    const count = async () =>
      (await db().select().from(modelVersions).where(eq(modelVersions.modelId, modelId))).length;
    const before = await count();
    await expect(
      createModelVersion(admin, {
        modelId,
        version: { ...builtin("brandgate-copy-1", "x"), baseUrl: "ftp://x" },
      }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: [expect.objectContaining({ path: "version.baseUrl" })],
    });
    await expect(
      addEvaluationBrief(admin, { brandId, template: "fax-cover", summary: "A fax about boots" }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: [expect.objectContaining({ path: "template" })],
    });
    expect(await count()).toBe(before);
    expect(
      await db().select().from(evaluationBriefs).where(eq(evaluationBriefs.brandId, brandId)),
    ).toHaveLength(0);
  });

  it("runs the brand's own briefs too, and records the set's new version", async () => {
    await addEvaluationBrief(admin, {
      brandId,
      template: "push-notification",
      summary: "Push for members: the autumn sale ends tonight",
    });
    const v = await createModelVersion(admin, {
      modelId,
      version: builtin("brandgate-copy-1", "Same again"),
    });
    const evaluation = await evaluationOf(v.id);
    await run(evaluation.id);
    const done = await evaluationOf(v.id);
    expect(done.setVersion).toMatch(
      new RegExp(`^${GOLDEN_SET_VERSION.replace(".", "\\.")}\\+brand@[0-9a-f]{12}$`),
    );
    expect((done.report as { briefs: { briefId: string }[] }).briefs).toHaveLength(21);

    // What the Models page shows: each version's status and its gates, newest first; admins only.
    const listed = await listModelEvaluations(admin, brandId);
    expect(listed.map((e) => [e.version, e.status])).toEqual([
      [4, "passed"],
      [3, "passed"],
      [2, "failed"],
    ]);
    expect(listed[2]!.gates.find((g) => g.name === "pass rate")).toMatchObject({
      passed: false,
      threshold: 0.9,
    });
    await expect(listModelEvaluations(marketer, brandId)).rejects.toMatchObject({ status: 403 });
  });
});
