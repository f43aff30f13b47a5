import type { Job } from "pg-boss";
import { JOBS, type JobKey, type ParsedJobPayload } from "@/lib/jobs/contracts";
import { validationError } from "@/lib/errors";

export interface Processor {
  key: JobKey;
  name: string;
  run(job: Job<unknown>): Promise<unknown>;
}

/** A processor is thin: validate the payload against its contract, then call one lib function. */
export function defineProcessor<K extends JobKey>(
  key: K,
  handler: (payload: ParsedJobPayload<K>, job: Job<unknown>) => Promise<unknown>,
): Processor {
  const contract = JOBS[key];
  return {
    key,
    name: contract.name,
    async run(job) {
      const parsed = contract.schema.safeParse(job.data);
      if (!parsed.success) throw validationError(parsed.error, `Job ${contract.name} has an invalid payload`);
      return handler(parsed.data as ParsedJobPayload<K>, job);
    },
  };
}
