import { and, eq, inArray } from "drizzle-orm";
import { modelEvaluations, modelLabels, rollouts } from "@/db/schema";
import { db } from "@/lib/db";
import { rolloutConfigSchema } from "@/lib/rollout/rollout-config";
import { stageOf } from "@/lib/rollout/stage";
import type { StoredBriefComparison, StoredGate as Gate } from "@/db/schema/json/rollout-state";
import { findModel, findVersion } from "@/lib/models/registry/find-model";
import type { ModelCaller } from "@/lib/models/registry/model-caller";
import { toPublicVersion, type PublicModelVersion } from "@/lib/models/registry/public-version";
import { modelPolicySchema } from "@/lib/models/registry/model-policy";

export type VersionState = "evaluating" | "rejected" | "error" | "ready" | "canary" | "stable" | "retired";

export interface VersionStatus {
  model: { id: string; slug: string; name: string };
  version: PublicModelVersion;
  /**
   * retired › stable › canary (a live rollout tries it) › the evaluation's verdict:
   * evaluating (queued or running), rejected (failed gates), error (the run broke), ready.
   */
  state: VersionState;
  labels: string[];
  /** Briefs measured so far over all to measure (the candidate's and stable's), while evaluating. */
  progress: { done: number; total: number } | null;
  evaluation: {
    id: string;
    status: string;
    summary: string | null;
    gates: Gate[];
    failedGates: string[];
    canary: unknown;
    /** Per brief: the candidate's output and score beside stable's (`baseline`). */
    briefs: StoredBriefComparison[];
    startedAt: Date | null;
    finishedAt: Date | null;
  } | null;
  rollout: { id: string; status: string; strategy: string; weight: number } | null;
}

/** One version's state for the status URL, the CLI's --wait and the version page. */
export async function getVersionStatusFor(
  caller: ModelCaller,
  ref: { model: string; version: string },
): Promise<VersionStatus> {
  const model = await findModel(caller.brandId, ref.model);
  const row = await findVersion(model.id, ref.version);
  const [[evaluation], labels, [rollout]] = await Promise.all([
    db().select().from(modelEvaluations).where(eq(modelEvaluations.versionId, row.id)),
    db()
      .select({ label: modelLabels.label })
      .from(modelLabels)
      .where(and(eq(modelLabels.modelId, model.id), eq(modelLabels.versionId, row.id))),
    db()
      .select()
      .from(rollouts)
      .where(
        and(
          eq(rollouts.modelId, model.id),
          eq(rollouts.candidateVersionId, row.id),
          inArray(rollouts.status, ["active", "paused"]),
        ),
      ),
  ]);
  const report = evaluation?.report ?? {};
  const labelNames = labels.map((l) => l.label);
  // A passed evaluation opens the canary in a step of its own, after the verdict is stored: until
  // that step has written its outcome, the version is still on its way (a pipeline waiting for
  // "canary" must not read "ready" in between).
  const canaryPending =
    evaluation?.status === "passed" &&
    modelPolicySchema.parse(model.policy).autoCanary &&
    !("canary" in report);
  const evaluating = evaluation?.status === "queued" || evaluation?.status === "running" || canaryPending;
  const state: VersionState = row.retiredAt
    ? "retired"
    : labelNames.includes("stable")
      ? "stable"
      : rollout
        ? "canary"
        : evaluating
          ? "evaluating"
          : evaluation?.status === "failed"
            ? "rejected"
            : evaluation?.status === "error"
              ? "error"
              : "ready";
  return {
    model: { id: model.id, slug: model.slug, name: model.name },
    version: toPublicVersion(row),
    state,
    labels: labelNames,
    progress: evaluating ? (report.progress ?? { done: 0, total: 0 }) : null,
    evaluation: evaluation
      ? {
          id: evaluation.id,
          status: evaluation.status,
          summary: report.summary ?? report.error ?? null,
          gates: evaluation.gates ?? [],
          failedGates: report.failedGates ?? [],
          canary: report.canary ?? null,
          briefs: report.briefs ?? [],
          startedAt: evaluation.startedAt,
          finishedAt: evaluation.finishedAt,
        }
      : null,
    rollout: rollout
      ? {
          id: rollout.id,
          status: rollout.status,
          strategy: rollout.strategy,
          weight:
            rollout.status === "active"
              ? stageOf(rollout, rolloutConfigSchema.parse(rollout.config)).weight
              : 0,
        }
      : null,
  };
}
