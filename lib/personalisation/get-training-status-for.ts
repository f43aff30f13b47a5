import { eq } from "drizzle-orm";
import { z } from "zod";
import { modelVersions } from "@/db/schema";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { JOBS } from "@/lib/jobs/contracts";
import { getSender } from "@/lib/jobs/send-job";
import { findModel } from "@/lib/models/registry/find-model";
import type { ModelCaller } from "@/lib/models/registry/model-caller";

export type TrainingState = "queued" | "running" | "succeeded" | "failed";

export interface TrainingStatus {
  jobId: string;
  state: TrainingState;
  model: string;
  /** The version the run registered (its evaluation then runs on its own). */
  version: { id: string; tag: string } | null;
  error: string | null;
  queuedAt: Date;
  finishedAt: Date | null;
}

/** What the training job returns (train-personalisation-model.ts); read loosely, checked here. */
const trainedOutput = z.object({ versionId: z.string().uuid() });
const failedOutput = z.object({ message: z.string() });
const jobData = z.object({ modelId: z.string().uuid(), brandId: z.string().uuid() });

const STATE: Record<string, TrainingState> = {
  created: "queued",
  retry: "queued",
  active: "running",
  completed: "succeeded",
  cancelled: "failed",
  failed: "failed",
};

/**
 * A "Train now" run's state, by the job id its 202 named. A job of another model or brand
 * is not found, the same as one that never was.
 */
export async function getTrainingStatusFor(
  caller: ModelCaller,
  options: { model: string; jobId: string },
): Promise<TrainingStatus> {
  const model = await findModel(caller.brandId, options.model);
  const notFound = new AppError("not_found", `No training run "${options.jobId}" of this model`, {
    path: "job",
  });
  if (!z.string().uuid().safeParse(options.jobId).success) throw notFound;
  const boss = await getSender();
  const job = await boss.getJobById(JOBS.trainPersonalisation.name, options.jobId);
  const data = jobData.safeParse(job?.data);
  if (!job || !data.success || data.data.modelId !== model.id || data.data.brandId !== caller.brandId)
    throw notFound;
  const state = STATE[job.state] ?? "queued";
  let version: TrainingStatus["version"] = null;
  const trained = trainedOutput.safeParse(job.output);
  if (state === "succeeded" && trained.success) {
    const [row] = await db()
      .select({ id: modelVersions.id, tag: modelVersions.tag })
      .from(modelVersions)
      .where(eq(modelVersions.id, trained.data.versionId));
    version = row ?? null;
  }
  const failed = failedOutput.safeParse(job.output);
  return {
    jobId: job.id,
    state,
    model: model.slug,
    version,
    error: state === "failed" ? (failed.success ? failed.data.message : "training failed") : null,
    queuedAt: job.createdOn,
    finishedAt: job.completedOn,
  };
}
