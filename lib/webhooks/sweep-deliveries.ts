import { sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { leaseSeconds, runAttempt, type AttemptOutcome, type ClaimedDelivery } from "./run-attempt";

export interface SweepOptions {
  /** Only deliveries overdue by this much: younger ones still have a queued job on its way. */
  graceMs?: number;
  limit?: number;
}

/**
 * The safety net under the job queue: claims pending deliveries that are overdue (their job
 * was lost, or their worker died mid-attempt and the lease ran out) and attempts them.
 * `SKIP LOCKED` lets every worker sweep at once without claiming the same row.
 */
export async function sweepDueDeliveries(options: SweepOptions = {}): Promise<AttemptOutcome[]> {
  const graceSeconds = (options.graceMs ?? 15_000) / 1000;
  const claimed = await db().execute<ClaimedDelivery>(sql`
    update webhook_deliveries
       set next_attempt_at = now() + make_interval(secs => ${leaseSeconds()})
     where id in (
       select id from webhook_deliveries
        where status = 'pending' and next_attempt_at <= now() - make_interval(secs => ${graceSeconds})
        order by next_attempt_at
        limit ${options.limit ?? 20}
        for update skip locked)
    returning id, event_id as "eventId", subscription_id as "subscriptionId", attempts`);
  return Promise.all([...claimed].map((c) => runAttempt(c)));
}
