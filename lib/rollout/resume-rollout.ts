import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { lockRollout, rolloutBrand } from "./load-rollout";
import { setRolloutPaused } from "./set-rollout-paused";

export const resumeRolloutInput = z.object({
  rolloutId: z.uuid(),
  reason: z.string().trim().min(1).max(1000),
  now: z.date().optional(),
});

export type ResumeRolloutInput = z.input<typeof resumeRolloutInput>;

export async function resumeRollout(principal: Principal | null, raw: ResumeRolloutInput): Promise<void> {
  const input = parseOrThrow(resumeRolloutInput, raw);
  authorize(principal, "rollouts:manage", await rolloutBrand(db(), input.rolloutId));
  await db().transaction(async (tx) =>
    setRolloutPaused(tx, {
      rollout: await lockRollout(tx, input.rolloutId),
      paused: false,
      reasons: [{ code: "manual", message: input.reason }],
      decidedBy: `user:${principal.user.id}`,
      at: input.now ?? new Date(),
    }),
  );
}
