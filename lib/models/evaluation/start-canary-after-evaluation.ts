import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { modelLabels, modelRoutes, models } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { AppError } from "@/lib/errors";
import { moveLabel } from "@/lib/models/registry/move-label";

export interface StartCanaryAfterEvaluationOptions {
  modelId: string;
  candidateVersionId: string;
  evaluationId: string;
  /** Percent of units sent to the candidate; the model policy's `canaryWeight`. */
  weight?: number;
}

export type CanaryOutcome = { started: true; weight: number } | { started: false; reason: string };

/**
 * What a passing evaluation does when the model's policy says `autoCanary`: point the
 * `candidate` label at the version and split a small share of traffic to it. The single
 * place that starts one, so the rollouts module's `startRollout` can take its place (with its
 * analysis and stopping rules) without touching the evaluation job.
 */
export async function startCanaryAfterEvaluation(
  executor: Executor,
  options: StartCanaryAfterEvaluationOptions,
): Promise<CanaryOutcome> {
  const weight = options.weight ?? 5;
  return executor.transaction(async (tx) => {
    const [model] = await tx
      .select({ brandId: models.brandId })
      .from(models)
      .where(eq(models.id, options.modelId))
      .for("update");
    if (!model) throw new AppError("not_found", "No such model");
    const [route] = await tx.select().from(modelRoutes).where(eq(modelRoutes.modelId, options.modelId));
    const labels = await tx
      .select({ label: modelLabels.label, versionId: modelLabels.versionId })
      .from(modelLabels)
      .where(eq(modelLabels.modelId, options.modelId));
    const candidate = labels.find((l) => l.label === "candidate");
    // Without stable there is nothing to split against; making a version stable is a person's call.
    if (!labels.some((l) => l.label === "stable")) {
      return { started: false, reason: "The model has no stable version to run a canary against" };
    }
    // A canary of another version already has traffic: taking the label would end it unseen.
    if (
      route?.mode === "split" &&
      route.candidateWeight > 0 &&
      candidate &&
      candidate.versionId !== options.candidateVersionId
    ) {
      return { started: false, reason: "Another version is in a canary; start this one when it ends" };
    }
    await moveLabel(
      {
        model: options.modelId,
        label: "candidate",
        versionId: options.candidateVersionId,
        reason: `Passed evaluation ${options.evaluationId}`,
        actor: `system:evaluation-${options.evaluationId}`,
      },
      tx,
    );
    const values = { mode: "split" as const, candidateWeight: weight, salt: options.evaluationId };
    await tx
      .insert(modelRoutes)
      .values({ modelId: options.modelId, ...values })
      .onConflictDoUpdate({ target: modelRoutes.modelId, set: { ...values, updatedAt: new Date() } });
    await appendAudit(tx, {
      brandId: model.brandId,
      actor: { kind: "system", reason: `evaluation:${options.evaluationId}` },
      action: "model.canary_started",
      target: { type: "model_version", id: options.candidateVersionId },
      data: { modelId: options.modelId, evaluationId: options.evaluationId, candidateWeight: weight },
    });
    return { started: true, weight };
  });
}
