import type { StoredDecisionMetrics, StoredDecisionReason } from "@/db/schema/json/rollout-state";
import type { Executor } from "@/db/client";
import { rolloutDecisions, type RolloutDecisionKind, type RolloutRow } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { rolloutDecisionsMade } from "@/lib/metrics/rollouts";
import type { ActorRecord } from "@/lib/auth/principal";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";

export interface RecordDecisionInput {
  rollout: Pick<RolloutRow, "id" | "brandId" | "modelId" | "stableVersionId" | "candidateVersionId">;
  at: Date;
  decision: RolloutDecisionKind;
  step: { before: number; after: number };
  weight: { before: number; after: number };
  reasons: StoredDecisionReason[];
  /** `job` or `user:<id>`. */
  decidedBy: string;
  metrics?: StoredDecisionMetrics;
}

/** One decision: its row, an audit entry and a `rollout.decided` webhook, in the caller's transaction. */
export async function recordDecision(tx: Executor, d: RecordDecisionInput): Promise<void> {
  await tx.insert(rolloutDecisions).values({
    rolloutId: d.rollout.id,
    at: d.at,
    decision: d.decision,
    stepBefore: d.step.before,
    stepAfter: d.step.after,
    weightBefore: d.weight.before,
    weightAfter: d.weight.after,
    reasons: d.reasons,
    decidedBy: d.decidedBy,
    metrics: d.metrics ?? {},
  });
  const actor: ActorRecord = d.decidedBy.startsWith("user:")
    ? { kind: "user", id: d.decidedBy.slice(5) }
    : { kind: "system", reason: "rollout analysis" };
  const data = {
    rolloutId: d.rollout.id,
    modelId: d.rollout.modelId,
    decision: d.decision,
    stepBefore: d.step.before,
    stepAfter: d.step.after,
    weightBefore: d.weight.before,
    weightAfter: d.weight.after,
    reasons: d.reasons,
  };
  await appendAudit(tx, {
    brandId: d.rollout.brandId,
    actor,
    action: `rollout.${d.decision}`,
    target: { type: "rollout", id: d.rollout.id },
    data,
  });
  // A hold is the common case at every look; only decisions that change something, or warn, are announced.
  if (d.decision !== "hold")
    await emitWebhookEvent(tx, {
      brandId: d.rollout.brandId,
      type: "rollout.decided",
      data: {
        ...data,
        stableVersionId: d.rollout.stableVersionId,
        candidateVersionId: d.rollout.candidateVersionId,
      },
    });
  // Counted when written: a transaction that rolls back afterwards over-counts by one, which a
  // rate cannot tell from noise.
  rolloutDecisionsMade.inc({ decision: d.decision });
}
