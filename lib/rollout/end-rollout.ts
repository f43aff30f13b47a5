import type { StoredDecisionMetrics, StoredDecisionReason } from "@/db/schema/json/rollout-state";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { rollouts } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { moveLabel } from "@/lib/models/registry/move-label";
import type { LoadedRollout } from "./load-rollout";
import { recordDecision } from "./record-decision";
import { stageOf } from "./stage";
import { writeRoute } from "./write-route";

export interface EndRolloutOptions {
  rollout: LoadedRollout;
  outcome: "promote" | "abort";
  reasons: StoredDecisionReason[];
  /** `job` or `user:<id>`. */
  decidedBy: string;
  at: Date;
  metrics?: StoredDecisionMetrics;
}

/**
 * Ends a live rollout in the caller's transaction. Either way the route goes back to stable
 * only, so every new assignment is served by the (possibly new) stable version. Promotion
 * moves the stable label to the candidate, compare-and-set against the stable it started from.
 */
export async function endRollout(tx: Executor, o: EndRolloutOptions): Promise<void> {
  const r = o.rollout;
  if (r.status !== "active" && r.status !== "paused")
    throw new AppError("conflict", `This rollout is already ${r.status}`, { status: r.status });
  const weightBefore = r.status === "active" ? stageOf(r, r.parsedConfig).weight : 0;
  await writeRoute(tx, { modelId: r.modelId, mode: "stable", candidateWeight: 0, salt: r.id });
  if (o.outcome === "promote") {
    await moveLabel(
      {
        model: r.modelId,
        label: "stable",
        versionId: r.candidateVersionId,
        expectedVersionId: r.stableVersionId,
        reason: `rollout ${r.id} promoted the candidate`,
        actor: o.decidedBy === "job" ? `rollout:${r.id}` : o.decidedBy,
      },
      tx,
    );
  }
  await tx
    .update(rollouts)
    .set({ status: o.outcome === "promote" ? "promoted" : "aborted", endedAt: o.at })
    .where(eq(rollouts.id, r.id));
  await recordDecision(tx, {
    rollout: r,
    at: o.at,
    decision: o.outcome,
    step: { before: r.currentStep, after: r.currentStep },
    weight: { before: weightBefore, after: o.outcome === "promote" ? 100 : 0 },
    reasons: o.reasons,
    decidedBy: o.decidedBy,
    metrics: o.metrics,
  });
}
