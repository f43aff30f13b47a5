import { JOBS } from "@/lib/jobs/contracts";
import { runGeneration } from "@/lib/generation/run-generation";
import { defineProcessor } from "../define-processor";

// On the last attempt a failure ends the generation as `failed`; before that it is retried.
export default defineProcessor("runGeneration", (payload, job) =>
  runGeneration(payload, { finalAttempt: job.retryCount >= (JOBS.runGeneration.queue.retryLimit ?? 0) }),
);
