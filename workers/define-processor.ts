import type { Job } from "pg-boss";
import { JOBS, type JobKey, type ParsedJobPayload } from "@/lib/jobs/contracts";
import { validationError } from "@/lib/errors";
import { jobSpanAttributes } from "@/lib/jobs/send-job";
import { inSpan, SpanKind } from "@/lib/tracing/in-span";
import { contextFromCarrier } from "@/lib/tracing/trace-context";

export interface Processor {
  key: JobKey;
  name: string;
  run(job: Job<unknown>): Promise<unknown>;
}

/**
 * A processor is thin: validate the payload against its contract, then call one lib function.
 * The run is a span in the trace that queued the job (its payload's traceparent), or a trace
 * of its own when none was carried (a schedule, an old payload).
 */
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
      const payload = parsed.data as ParsedJobPayload<K>;
      return inSpan(
        `process ${contract.name}`,
        {
          kind: SpanKind.CONSUMER,
          parent: contextFromCarrier(payload),
          attributes: {
            ...jobSpanAttributes(contract.name, "process"),
            "messaging.message.id": job.id,
            "brandgate.job.retry_count": job.retryCount,
          },
        },
        () => handler(payload, job),
      );
    },
  };
}
