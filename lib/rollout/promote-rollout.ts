import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { endRollout } from "./end-rollout";
import { lockRollout, rolloutBrand } from "./load-rollout";

export const promoteRolloutInput = z.object({
  rolloutId: z.uuid(),
  reason: z.string().trim().min(1).max(1000),
  now: z.date().optional(),
});

export type PromoteRolloutInput = z.input<typeof promoteRolloutInput>;

/** A person promotes a live (active or paused) rollout now, whatever the statistics say. */
export async function promoteRollout(principal: Principal | null, raw: PromoteRolloutInput): Promise<void> {
  const input = parseOrThrow(promoteRolloutInput, raw);
  authorize(principal, "rollouts:manage", await rolloutBrand(db(), input.rolloutId));
  await db().transaction(async (tx) =>
    endRollout(tx, {
      rollout: await lockRollout(tx, input.rolloutId),
      outcome: "promote",
      reasons: [{ code: "manual", message: input.reason }],
      decidedBy: `user:${principal.user.id}`,
      at: input.now ?? new Date(),
    }),
  );
}
