import { and, eq } from "drizzle-orm";
import { models } from "@/db/schema";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authorizeJob } from "@/lib/jobs/authorize-job";
import type { ParsedJobPayload } from "@/lib/jobs/contracts";
import { exportOnnx } from "@/lib/personalisation/export-onnx";
import { DEFAULT_FEATURE_SCHEMA } from "@/lib/personalisation/feature-schema";
import { trainLogistic } from "@/lib/personalisation/train-logistic";
import { queueModelEvaluation, sendEvaluationJob } from "@/lib/models/registry/queue-model-evaluation";
import { insertModelVersion } from "@/lib/models/registry/insert-model-version";
import { loadTrainingEvents } from "./load-training-events";

/**
 * The training job: reads exposure and outcome events of the window, fits the logistic
 * model, exports it to ONNX and registers it as a new version of the brand's
 * personalisation model, with its SHA-256, feature schema, lineage and holdout metrics.
 * It never moves a label itself: the version's evaluation (`models.evaluate.v1`, queued with
 * it) compares it offline with stable on the same holdout, and only a pass may start a canary.
 */
export async function trainPersonalisationModel(payload: ParsedJobPayload<"trainPersonalisation">) {
  await authorizeJob(payload.actor, payload.actor.kind === "system" ? "system" : "models:write");
  if (payload.actor.kind !== "system" && payload.actor.brandId !== payload.brandId) {
    throw new AppError("forbidden", "The job's brand is not the brand it was queued in");
  }
  if (payload.windowEnd <= payload.windowStart) {
    throw new AppError("validation_failed", "The window must end after it starts", [
      { path: "windowEnd", message: "must be after windowStart" },
    ]);
  }
  const [model] = await db()
    .select({ id: models.id, kind: models.kind })
    .from(models)
    .where(and(eq(models.id, payload.modelId), eq(models.brandId, payload.brandId)));
  if (!model) throw new AppError("not_found", "No such model in this brand");
  if (model.kind !== "personalisation")
    throw new AppError("validation_failed", "Only a personalisation model can be trained");

  const { events, skipped } = await loadTrainingEvents(
    payload.brandId,
    payload.windowStart,
    payload.windowEnd,
  );
  const trained = trainLogistic({
    events,
    featureSchema: DEFAULT_FEATURE_SCHEMA,
    window: { start: payload.windowStart, end: payload.windowEnd },
    seed: payload.seed,
  });
  const artifact = exportOnnx({ model: trained, featureSchema: trained.featureSchema });
  const { version, evaluationId } = await db().transaction(async (tx) => {
    const version = await insertModelVersion(
      tx,
      model.id,
      {
        kind: "personalisation",
        artifact: Uint8Array.from(artifact.bytes),
        featureSchema: { ...trained.featureSchema },
        lineage: { ...trained.lineage, skippedEvents: skipped, metrics: trained.metrics },
        notes: `Trained on ${trained.lineage.events.total} exposures; holdout AUC ${trained.metrics.holdout.auc?.toFixed(3) ?? "n/a"}`,
      },
      payload.actor.kind === "user" ? payload.actor.userId : null,
    );
    return {
      version,
      evaluationId: await queueModelEvaluation(tx, { modelId: model.id, versionId: version.id }),
    };
  });
  await sendEvaluationJob(evaluationId, payload.actor);
  return {
    versionId: version.id,
    version: version.version,
    sha256: artifact.sha256,
    metrics: trained.metrics,
    evaluationId,
  };
}
