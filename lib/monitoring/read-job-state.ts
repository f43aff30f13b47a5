import { sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { DEAD_LETTER_QUEUE } from "@/lib/jobs/boss";
import { JOBS } from "@/lib/jobs/contracts";
import { jobsActive, jobsDead, jobsOldestQueuedAge, jobsQueued } from "@/lib/metrics/jobs";

/**
 * Queue depths from pg-boss's job table in one statement: only unfinished jobs are grouped
 * (states before `completed`, which pg-boss's indexes cover), so its cost follows the backlog,
 * not the retained history. pg-boss's own cached counts (queue.queued_count) are only kept
 * fresh where a supervisor runs its monitor, and say nothing about age or dead jobs' sources.
 * Every contract's queue is reported, at 0 when empty, so a rule sees the series exist.
 */
export async function readJobState(): Promise<void> {
  const rows = await db().execute<{
    queue: string;
    queued: number;
    active: number;
    dead: number;
    oldest: number | null;
  }>(sql`
    select coalesce(source_name, name) as queue,
      count(*) filter (where name <> ${DEAD_LETTER_QUEUE} and state in ('created', 'retry'))::int as queued,
      count(*) filter (where name <> ${DEAD_LETTER_QUEUE} and state = 'active')::int as active,
      count(*) filter (where name = ${DEAD_LETTER_QUEUE} and state < 'active')::int as dead,
      extract(epoch from now() - min(created_on) filter (
        where name <> ${DEAD_LETTER_QUEUE} and state in ('created', 'retry') and start_after <= now()
      ))::float8 as oldest
    from pgboss.job
    where state < 'completed'
    group by 1`);
  for (const gauge of [jobsQueued, jobsActive, jobsDead, jobsOldestQueuedAge]) gauge.reset();
  for (const { name } of Object.values(JOBS)) {
    for (const gauge of [jobsQueued, jobsActive, jobsDead, jobsOldestQueuedAge])
      gauge.set({ queue: name }, 0);
  }
  for (const row of rows) {
    const queue = { queue: row.queue };
    jobsQueued.set(queue, row.queued);
    jobsActive.set(queue, row.active);
    jobsDead.set(queue, row.dead);
    jobsOldestQueuedAge.set(queue, Math.max(0, row.oldest ?? 0));
  }
}
