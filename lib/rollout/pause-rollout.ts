import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { lockRollout, rolloutBrand } from "./load-rollout";
import { setRolloutPaused } from "./set-rollout-paused";

export const pauseRolloutInput = z.object({
  rolloutId: z.uuid(),
  reason: z.string().trim().min(1).max(1000),
  now: z.date().optional(),
});

export type PauseRolloutInput = z.input<typeof pauseRolloutInput>;

export async function pauseRollout(principal: Principal | null, raw: PauseRolloutInput): Promise<void> {
  const input = parseOrThrow(pauseRolloutInput, raw);
  authorize(principal, "rollouts:manage", await rolloutBrand(db(), input.rolloutId));
  await db().transaction(async (tx) =>
    setRolloutPaused(tx, {
      rollout: await lockRollout(tx, input.rolloutId),
      paused: true,
      reasons: [{ code: "manual", message: input.reason }],
      decidedBy: `user:${principal.user.id}`,
      at: input.now ?? new Date(),
    }),
  );
}
