import { sql } from "drizzle-orm";
import { authorize } from "@/lib/auth/authorize";
import type { Session } from "@/lib/auth/types";
import { db } from "@/lib/db";
import { DEAD_LETTER_QUEUE } from "./boss";

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
}

/**
 * A brand's dead jobs, newest first: jobs whose every attempt failed, waiting for an admin to
 * look and send them back. A job belongs to the brand its payload names (the actor's brand, or
 * a `brandId`); system jobs with no brand are not shown to any brand's admin.
 */
export async function listDeadJobs(
  session: Session | null,
  brandId: string,
  options: { limit?: number } = {},
): Promise<DeadJob[]> {
  authorize(session, "jobs:manage", brandId);
  const rows = await db().execute<{
    id: string;
    queue: string;
    retries: number;
    output: unknown;
    data: Record<string, unknown>;
    created_on: Date;
  }>(sql`
    select id, source_name as queue, coalesce(source_retry_count, 0)::int as retries,
      source_output as output, data, created_on
    from pgboss.job
    where name = ${DEAD_LETTER_QUEUE} and state < 'active' and ${ofBrand(brandId)}
    order by created_on desc
    limit ${options.limit ?? 100}`);
  return rows.map((r) => ({
    id: r.id,
    queue: r.queue,
    attempts: r.retries + 1,
    error: errorOf(r.output),
    data: r.data,
    deadAt: new Date(r.created_on),
  }));
}

/** The dead-letter rows whose payload names `brandId`. */
export function ofBrand(brandId: string) {
  return sql`(data->'actor'->>'brandId' = ${brandId} or data->>'brandId' = ${brandId})`;
}

function errorOf(output: unknown): string | null {
  if (!output || typeof output !== "object") return null;
  const message = (output as { message?: unknown }).message;
  return typeof message === "string" ? message.slice(0, 500) : JSON.stringify(output).slice(0, 500);
}
