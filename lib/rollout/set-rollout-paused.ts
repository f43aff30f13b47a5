import type { StoredDecisionReason } from "@/db/schema/json/rollout-state";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { rollouts } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { LoadedRollout } from "./load-rollout";
import { recordDecision } from "./record-decision";
import { routeOf } from "./stage";
import { writeRoute } from "./write-route";

/**
 * Pausing sends every new assignment to stable (and stops automatic decisions) without
 * ending the rollout; resuming restores the current step's route and restarts its clock.
 */
export async function setRolloutPaused(
  tx: Executor,
  o: {
    rollout: LoadedRollout;
    paused: boolean;
    reasons: StoredDecisionReason[];
    decidedBy: string;
    at: Date;
  },
): Promise<void> {
  const r = o.rollout;
  const from = o.paused ? "active" : "paused";
  if (r.status !== from)
    throw new AppError("conflict", `This rollout is ${r.status}, not ${from}`, { status: r.status });
  const route = routeOf(r, r.parsedConfig);
  const weight = route.candidateWeight;
  await writeRoute(tx, {
    modelId: r.modelId,
    ...(o.paused ? { mode: "stable", candidateWeight: 0 } : route),
    salt: r.id,
  });
  await tx
    .update(rollouts)
    .set(o.paused ? { status: "paused" } : { status: "active", stepStartedAt: o.at })
    .where(eq(rollouts.id, r.id));
  await recordDecision(tx, {
    rollout: r,
    at: o.at,
    decision: o.paused ? "pause" : "resume",
    step: { before: r.currentStep, after: r.currentStep },
    weight: { before: o.paused ? weight : 0, after: o.paused ? 0 : weight },
    reasons: o.reasons,
    decidedBy: o.decidedBy,
  });
}
