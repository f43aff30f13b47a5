import { sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { DEAD_LETTER_QUEUE } from "@/lib/jobs/boss";
import { JOBS } from "@/lib/jobs/contracts";
import { jobsDead, jobsOldestQueuedAge, jobsQueued } from "@/lib/metrics/jobs";

/**
 * Queue depths from pg-boss's job table in one statement over jobs not yet taken, which pg-boss's
 * partial index job_i11 (`state < 'active' and not blocked`) covers: its cost follows the
 * backlog, not the retained history (bench/metrics-scrape.ts). pg-boss's own cached counts
 * (queue.queued_count) are fresh only where a supervisor runs its monitor, and say nothing of
 * age or of where dead jobs came from. Active jobs are counted by the workers themselves.
 * Every contract's queue is reported, at 0 when empty, so a rule sees the series exist.
 */
export async function readJobState(): Promise<void> {
  const rows = await db().execute<{ queue: string; queued: number; dead: number; oldest: number | null }>(sql`
    select coalesce(source_name, name) as queue,
      count(*) filter (where name <> ${DEAD_LETTER_QUEUE})::int as queued,
      count(*) filter (where name = ${DEAD_LETTER_QUEUE})::int as dead,
      extract(epoch from now() - min(created_on) filter (
        where name <> ${DEAD_LETTER_QUEUE} and start_after <= now()
      ))::float8 as oldest
    from pgboss.job
    where state < 'active' and not blocked
    group by 1`);
  const gauges = [jobsQueued, jobsDead, jobsOldestQueuedAge];
  for (const gauge of gauges) gauge.reset();
  for (const { name } of Object.values(JOBS)) for (const gauge of gauges) gauge.set({ queue: name }, 0);
  for (const row of rows) {
    const queue = { queue: row.queue };
    jobsQueued.set(queue, row.queued);
    jobsDead.set(queue, row.dead);
    jobsOldestQueuedAge.set(queue, Math.max(0, row.oldest ?? 0));
  }
}
