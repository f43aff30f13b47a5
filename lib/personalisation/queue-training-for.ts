import { z } from "zod";
import { sendJob } from "@/lib/jobs/send-job";
import { AppError, parseOrThrow } from "@/lib/errors";
import { findModel } from "@/lib/models/registry/find-model";
import type { ModelCaller } from "@/lib/models/registry/model-caller";
import { readModelPolicy } from "@/lib/models/registry/model-policy";

const DAY = 24 * 3600 * 1000;

export const trainNowInput = z.object({
  /** How many days of events to train on, ending now; the model policy's `retrainWindowDays` when left out. */
  windowDays: z.number().int().min(1).max(365).optional(),
  seed: z.string().min(1).max(100).optional(),
});

export interface QueuedTraining {
  modelId: string;
  slug: string;
  jobId: string;
  windowStart: Date;
  windowEnd: Date;
}

/**
 * "Train now": queues the same training job the hourly schedule queues
 * (`personalisation.train.v1`), run as the caller, who is authorized again when it runs. Only
 * a personalisation model trains; a generation model is refused naming `model`, nothing queued.
 */
export async function queueTrainingFor(
  caller: ModelCaller,
  options: { model: string; input?: z.input<typeof trainNowInput> },
  now = new Date(),
): Promise<QueuedTraining> {
  const input = parseOrThrow(trainNowInput, options.input ?? {});
  const model = await findModel(caller.brandId, options.model);
  if (model.kind !== "personalisation") {
    throw new AppError(
      "validation_failed",
      `"${model.slug}" is a ${model.kind} model: only a personalisation model trains`,
      [{ path: "model", message: "must be a personalisation model" }],
    );
  }
  const days = input.windowDays ?? readModelPolicy(model.policy).retrainWindowDays;
  const windowStart = new Date(now.getTime() - days * DAY);
  const jobId = await sendJob("trainPersonalisation", {
    actor: caller.jobActor,
    brandId: caller.brandId,
    modelId: model.id,
    windowStart,
    windowEnd: now,
    seed: input.seed ?? `manual-${now.getTime()}`,
  });
  return { modelId: model.id, slug: model.slug, jobId, windowStart, windowEnd: now };
}
