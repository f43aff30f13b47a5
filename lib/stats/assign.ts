/**
 * Sticky, weighted assignment of a unit (customer, user or request id) to one arm of a
 * rollout. A pure function of its inputs: every process, and a SQL query, agrees.
 *
 * Policy: weighted rendezvous hashing. Each arm draws `u = H(salt, unit, arm)` and scores
 * `-ln(u) / weight`; the lowest score wins. The scores are independent exponentials with
 * rates equal to the weights, so an arm wins with probability `weight / sum(weights)`.
 * Unlike cutting [0, 1) into consecutive intervals, this keeps units where they are when
 * weights change: raising one arm's weight only moves units *onto* that arm (a unit on
 * the candidate at 10% stays on it at 20%), lowering it only moves units *off* it,
 * removing an arm only moves that arm's units, and the order of `arms` does not matter.
 */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { hashToUnitInterval } from "./assign-hash";

export const assignmentArmSchema = z.object({
  id: z.string().min(1),
  /** Relative, not a percentage: [90, 10] and [9, 1] assign identically. 0 = never. */
  weight: z.number().finite().nonnegative(),
});

export type AssignmentArm = z.infer<typeof assignmentArmSchema>;

export interface AssignVariantOptions {
  /** The rollout id: a new salt reshuffles every unit independently of other rollouts. */
  salt: string;
  unitKey: string;
  arms: readonly AssignmentArm[];
}

/** On the request path, so arms are checked inline rather than parsed with zod on every call. */
export function assignVariant({ salt, unitKey, arms }: AssignVariantOptions): string {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const arm of arms) {
    if (!(arm.weight >= 0) || !Number.isFinite(arm.weight)) {
      throw new AppError("validation_failed", `Arm ${arm.id} has an invalid weight`, { weight: arm.weight });
    }
    if (arm.weight === 0) continue;
    const score = -Math.log(hashToUnitInterval([salt, unitKey, arm.id])) / arm.weight;
    // Ties need equal 52-bit hashes; break them by id so the answer never depends on order.
    if (score < bestScore || (score === bestScore && best !== undefined && arm.id < best)) {
      best = arm.id;
      bestScore = score;
    }
  }
  if (best === undefined) {
    throw new AppError("validation_failed", "A rollout needs at least one arm with a positive weight");
  }
  return best;
}
