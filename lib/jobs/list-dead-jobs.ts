import { sql } from "drizzle-orm";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { DEAD_LETTER_QUEUE } from "./boss";
import { deadJobGenerationId, deadJobRefusal } from "./dead-job-generation";

export interface DeadJob {
  /** The job's id in the dead-letter queue. */
  id: string;
  /** The queue it failed in (a contract's name, e.g. `generation.run.v1`). */
  queue: string;
  /** Attempts it had there: its retries plus the first run. */
  attempts: number;
  /** The last attempt's error, as pg-boss recorded it. */
  error: string | null;
  data: Record<string, unknown>;
  deadAt: Date;
  /** Why sending it back would be refused (its generation has ended), or null. */
  refusal: string | null;
}

/**
 * A brand's dead jobs, newest first: jobs whose every attempt failed, waiting for an admin to
 * look and send them back. A job belongs to the brand its payload names (the actor's brand, or
 * a `brandId`); system jobs with no brand are not shown to any brand's admin.
 */
export async function listDeadJobs(
  principal: Principal | null,
  brandId: string,
  options: { limit?: number } = {},
): Promise<DeadJob[]> {
  authorize(principal, "jobs:manage", brandId);
  const rows = await db().execute<{
    id: string;
    queue: string;
    retries: number;
    output: unknown;
    data: Record<string, unknown>;
    created_on: Date;
    generation_status: string | null;
  }>(sql`
    select j.id, j.source_name as queue, coalesce(j.source_retry_count, 0)::int as retries,
      j.source_output as output, j.data, j.created_on, g.status as generation_status
    from pgboss.job j
    left join generations g on g.id = ${deadJobGenerationId} and g.brand_id = ${brandId}
    where j.name = ${DEAD_LETTER_QUEUE} and j.state < 'active' and ${ofBrand(brandId)}
    order by j.created_on desc
    limit ${options.limit ?? 100}`);
  return rows.map((r) => ({
    id: r.id,
    queue: r.queue,
    attempts: r.retries + 1,
    error: deadJobError(r.output),
    data: r.data,
    deadAt: new Date(r.created_on),
    refusal: deadJobRefusal(r.generation_status),
  }));
}

/** The dead-letter rows (`pgboss.job` aliased `j`) whose payload names `brandId`. */
export function ofBrand(brandId: string) {
  return sql`(j.data->'actor'->>'brandId' = ${brandId} or j.data->>'brandId' = ${brandId})`;
}

/**
 * The last attempt's error as a person reads it. A processor's error is stored as the error
 * itself (`{ message, stack }`); pg-boss's supervisor, failing a job whose worker stopped
 * heartbeating or that ran past its expiry, stores `{ value: { message } }`.
 */
export function deadJobError(output: unknown): string | null {
  if (!output || typeof output !== "object") return null;
  if ("message" in output && typeof output.message === "string") return output.message.slice(0, 500);
  const value = "value" in output ? output.value : undefined;
  if (value && typeof value === "object" && "message" in value && typeof value.message === "string")
    return value.message.slice(0, 500);
  return JSON.stringify(output).slice(0, 500);
}
