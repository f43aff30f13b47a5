/**
 * The evaluation gate for retrained personalisation models, against a real database: a
 * version retrained on events with the same preference scores as well as stable on its
 * holdout and opens a canary; a version that learned nothing fails the gates and is rejected.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, modelEvaluations, modelLabels, modelRoutes, rollouts } from "@/db/schema";
import { db } from "@/lib/db";
import { stopSender } from "@/lib/jobs/send-job";
import { runModelEvaluation } from "@/lib/evaluation/run-model-evaluation";
import { describeFeatureSchema } from "@/lib/personalisation/describe-feature-schema";
import { exportOnnx } from "@/lib/personalisation/export-onnx";
import { DEFAULT_FEATURE_SCHEMA } from "@/lib/personalisation/feature-schema";
import { generateSyntheticEvents } from "@/lib/personalisation/generate-synthetic-events";
import { createModelVersion } from "@/lib/models/registry/create-model-version";
import { insertModel } from "@/lib/models/registry/insert-model";
import { moveLabel } from "@/lib/models/registry/move-label";
import { trainPersonalisationModel } from "@/lib/personalisation/train-personalisation-model";
import type { UserPrincipal } from "@/lib/auth/principal";
import { createBrand, createUser, signedIn } from "@/test/factories";

const october = { start: new Date("2026-10-01T00:00:00Z"), end: new Date("2026-11-01T00:00:00Z") };
const november = { start: new Date("2026-11-01T00:00:00Z"), end: new Date("2026-12-01T00:00:00Z") };

let brandId: string;
let admin: UserPrincipal;
let modelId: string;
let stableId: string;

/** Synthetic exposures in the window, with a click on the same content for each positive outcome. */
async function storeEvents(window: { start: Date }, seed: string) {
  const synthetic = generateSyntheticEvents({ customers: 1500, exposuresPerCustomer: 6, seed });
  const rows = synthetic.flatMap((e, i) => {
    const contentId = randomUUID();
    const at = new Date(window.start.getTime() + (i % 1000) * 60_000);
    // Unit keys are per window: November's customers are other people than October's.
    const unitKey = `${seed}-${e.unitKey!}`;
    const exposure = {
      brandId,
      kind: "exposure" as const,
      unitKey,
      contentId,
      audience: e.audience,
      variant: e.variant,
      occurredAt: at,
    };
    const click = {
      brandId,
      kind: "click" as const,
      unitKey,
      contentId,
      occurredAt: new Date(at.getTime() + 5000),
    };
    return e.outcome ? [exposure, click] : [exposure];
  });
  for (let i = 0; i < rows.length; i += 2000)
    await db()
      .insert(events)
      .values(rows.slice(i, i + 2000));
  return synthetic;
}

const train = (window: { start: Date; end: Date }, seed: string) =>
  trainPersonalisationModel({
    actor: { kind: "user", userId: admin.user.id, brandId },
    brandId,
    modelId,
    windowStart: window.start,
    windowEnd: window.end,
    seed,
  });

const evaluate = (evaluationId: string) => runModelEvaluation({ actor: { kind: "system" }, evaluationId });

async function evaluationOf(versionId: string) {
  return db().select().from(modelEvaluations).where(eq(modelEvaluations.versionId, versionId));
}

type StoredGate = { name: string; passed: boolean; value: number | null; threshold: number };

beforeAll(async () => {
  brandId = (await createBrand("Acme Outdoor")).id;
  admin = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
  const model = await insertModel(db(), {
    brandId,
    kind: "personalisation",
    name: "ranker",
    policy: { autoCanary: true, canaryWeight: 5 },
  });
  modelId = model.id;
  await storeEvents(october, "october");
  await storeEvents(november, "november");
  // The first version has no stable to compare with: only the AUC floor applies.
  const v1 = await train(october, "s1");
  expect(await evaluate(v1.evaluationId)).toMatchObject({ status: "passed", canary: { started: false } });
  stableId = v1.versionId;
  await moveLabel({
    model: modelId,
    label: "stable",
    versionId: stableId,
    reason: "first",
    actor: "system:test",
  });
}, 60_000);

afterAll(async () => {
  await stopSender();
});

describe("the personalisation evaluation gate", () => {
  it("passes a version retrained on the same preference and opens its canary", async () => {
    const v2 = await train(november, "s2");
    const result = await evaluate(v2.evaluationId);
    expect(result).toMatchObject({ status: "passed", canary: { started: true, weight: 5 } });

    const [done] = await evaluationOf(v2.versionId);
    expect(done).toMatchObject({ status: "passed", baselineVersionId: stableId });
    expect(done!.setVersion).toBe(
      `holdout:${november.start.toISOString()}..${november.end.toISOString()}#s2@0.2` +
        ` unseen by ${october.start.toISOString()}..${october.end.toISOString()}#s1@0.2`,
    );
    const gates = done!.gates as StoredGate[];
    expect(gates.map((g) => [g.name, g.passed])).toEqual([
      ["holdout AUC", true],
      ["holdout AUC vs stable", true],
      ["holdout log loss vs stable", true],
    ]);
    const metrics = done!.metrics as {
      candidate: { auc: number; logLoss: number; rows: number };
      baseline: { auc: number; logLoss: number; rows: number };
    };
    // Both models learned the same world, so both rank the unseen November customers well.
    expect(metrics.candidate.auc).toBeGreaterThanOrEqual(0.8);
    expect(metrics.baseline.auc).toBeGreaterThanOrEqual(0.8);
    expect(metrics.candidate.rows).toBe(metrics.baseline.rows);
    expect(done!.metrics).toMatchObject({
      holdout: { excludedAsStableTraining: 0, stableTrainingKnown: true },
    });
    expect(metrics.candidate.rows).toBeGreaterThan(1000);

    const rolloutId = (result.canary as { rolloutId: string }).rolloutId;
    const [rollout] = await db().select().from(rollouts).where(eq(rollouts.id, rolloutId));
    expect(rollout).toMatchObject({
      modelId,
      stableVersionId: stableId,
      candidateVersionId: v2.versionId,
      strategy: "canary",
      status: "active",
      createdBy: null,
    });
    expect(rollout!.config).toMatchObject({
      primaryMetric: "ctr",
      steps: [{ weight: 5 }, { weight: 25 }, { weight: 50 }],
    });
    const labels = await db().select().from(modelLabels).where(eq(modelLabels.modelId, modelId));
    expect(Object.fromEntries(labels.map((l) => [l.label, l.versionId]))).toEqual({
      stable: stableId,
      candidate: v2.versionId,
    });
    const [route] = await db().select().from(modelRoutes).where(eq(modelRoutes.modelId, modelId));
    expect(route).toMatchObject({ mode: "split", candidateWeight: 5, salt: rolloutId });

    // The job delivered again: the same single evaluation, no second rollout.
    expect(await evaluate(v2.evaluationId)).toEqual({ evaluationId: v2.evaluationId, status: "passed" });
    const rows = await evaluationOf(v2.versionId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.finishedAt).toEqual(done!.finishedAt);
    expect(rows[0]!.report).toMatchObject({ canary: { started: true, rolloutId } });
    expect(await db().select().from(rollouts).where(eq(rollouts.modelId, modelId))).toHaveLength(1);
  }, 60_000);

  it("fails a version that predicts the base rate for everyone, and rejects it", async () => {
    // What an admin could upload: a valid ONNX file on the default schema, said to be trained
    // on October with stable's seed, that ignores every feature.
    const schema = describeFeatureSchema(DEFAULT_FEATURE_SCHEMA);
    const artifact = exportOnnx({
      model: { weights: Array.from({ length: schema.dimension }, () => 0), bias: Math.log(0.2 / 0.8) },
      featureSchema: schema,
    });
    const flat = await createModelVersion(admin, {
      modelId,
      version: {
        kind: "personalisation",
        artifact: Uint8Array.from(artifact.bytes),
        featureSchema: { ...schema },
        lineage: {
          windowStart: october.start.toISOString(),
          windowEnd: october.end.toISOString(),
          seed: "s1",
          holdoutFraction: 0.2,
        },
        notes: "Constant",
      },
    });
    const [queued] = await evaluationOf(flat.id);
    const result = await evaluate(queued!.id);
    expect(result).toMatchObject({ status: "failed", canary: null });

    const [done] = await evaluationOf(flat.id);
    expect(done).toMatchObject({ status: "failed", baselineVersionId: stableId });
    const gates = done!.gates as StoredGate[];
    expect(gates.find((g) => g.name === "holdout AUC")).toMatchObject({
      passed: false,
      value: 0.5,
      threshold: 0.55,
    });
    const failed = gates.filter((g) => !g.passed).map((g) => g.name);
    expect(failed).toEqual(["holdout AUC", "holdout AUC vs stable", "holdout log loss vs stable"]);
    expect(done!.report).toMatchObject({ failedGates: failed });
    expect((done!.report as { summary: string }).summary).toMatch(/^Failed holdout AUC, /);

    await expect(
      moveLabel({
        model: modelId,
        label: "candidate",
        versionId: flat.id,
        reason: "try",
        actor: `user:${admin.user.id}`,
      }),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/rejected/) });
    const opened = await db().select().from(rollouts).where(eq(rollouts.candidateVersionId, flat.id));
    expect(opened).toHaveLength(0);

    expect(await evaluate(queued!.id)).toEqual({ evaluationId: queued!.id, status: "failed" });
    expect(await evaluationOf(flat.id)).toHaveLength(1);
  });

  it("passes a version retrained on stable's own window with a new seed, judged on units neither saw", async () => {
    // What the hourly schedule does: an overlapping window, a fresh seed. Most of this
    // version's holdout is stable's training data; scored there, stable would win in-sample.
    const v = await train(october, "scheduled-1");
    const result = await evaluate(v.evaluationId);
    const [done] = await evaluationOf(v.versionId);
    expect(done!.metrics).toMatchObject({
      holdout: { excludedAsStableTraining: expect.any(Number), stableTrainingKnown: true },
    });
    const { holdout } = done!.metrics as { holdout: { rows: number; excludedAsStableTraining: number } };
    // Two independent 20% splits: about a fifth of the candidate's holdout was held out by both.
    expect(holdout.excludedAsStableTraining).toBeGreaterThan(3 * holdout.rows);
    expect(done!.gates).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "holdout AUC vs stable", passed: true })]),
    );
    expect(result.status).toBe("passed");
    // Its canary waits: the November version's rollout is still active.
    expect(result.canary).toMatchObject({
      started: false,
      reason: expect.stringMatching(/active or paused rollout/),
    });
  });
});
