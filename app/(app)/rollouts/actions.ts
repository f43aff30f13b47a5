"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { principalRefOf } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { abortRollout, abortRolloutInput } from "@/lib/rollout/abort-rollout";
import { analyseRollout } from "@/lib/rollout/analyse-rollout";
import { pauseRollout, pauseRolloutInput } from "@/lib/rollout/pause-rollout";
import { promoteRollout, promoteRolloutInput } from "@/lib/rollout/promote-rollout";
import { resumeRollout, resumeRolloutInput } from "@/lib/rollout/resume-rollout";
import { startRollout, startRolloutInput } from "@/lib/rollout/start-rollout";
import { withSessionAction } from "../../_auth/with-session";

/** lib/rollout authorizes `rollouts:manage` on the rollout's brand for every action here. */
export const startRolloutAction = withSessionAction(
  startRolloutInput.omit({ now: true }),
  async (session, input) => {
    const row = await startRollout(session, input);
    revalidatePath("/rollouts");
    return { id: row.id };
  },
);

const manual = (path: string) => revalidatePath(`/rollouts/${path}`);

export const abortRolloutAction = withSessionAction(
  abortRolloutInput.omit({ now: true }),
  async (session, input) => {
    await abortRollout(session, input);
    manual(input.rolloutId);
  },
);

export const promoteRolloutAction = withSessionAction(
  promoteRolloutInput.omit({ now: true }),
  async (session, input) => {
    await promoteRollout(session, input);
    manual(input.rolloutId);
  },
);

export const pauseRolloutAction = withSessionAction(
  pauseRolloutInput.omit({ now: true }),
  async (session, input) => {
    await pauseRollout(session, input);
    manual(input.rolloutId);
  },
);

export const resumeRolloutAction = withSessionAction(
  resumeRolloutInput.omit({ now: true }),
  async (session, input) => {
    await resumeRollout(session, input);
    manual(input.rolloutId);
  },
);

/**
 * One look now, as the signed-in user: the job-side check (`authorizeJob`) reads the user's
 * role in the brand again, and the look refuses a rollout of another brand.
 */
export const analyseRolloutAction = withSessionAction(
  z.object({ rolloutId: z.uuid(), brandId: z.uuid() }),
  async (session, input) => {
    if (!session) throw new AppError("unauthorized", "Sign in first");
    const result = await analyseRollout({
      actor: principalRefOf(session, input.brandId),
      rolloutId: input.rolloutId,
    });
    manual(input.rolloutId);
    return result;
  },
);
