import { sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { leaseSeconds, runAttempt, type AttemptOutcome, type ClaimedDelivery } from "./run-attempt";

/**
 * Claims up to `limit` pending deliveries that are due and attempts them. A claim pushes
 * `next_attempt_at` past a lease, so a worker that dies mid-attempt leaves the row due again
 * when the lease runs out; `SKIP LOCKED` lets every worker dispatch at once without claiming
 * the same row twice.
 */
export async function dispatchDueDeliveries(options: { limit?: number } = {}): Promise<AttemptOutcome[]> {
  const claimed = await db().execute<ClaimedDelivery>(sql`
    update webhook_deliveries
       set next_attempt_at = now() + make_interval(secs => ${leaseSeconds()})
     where id in (
       select id from webhook_deliveries
        where status = 'pending' and next_attempt_at <= now()
        order by next_attempt_at
        limit ${options.limit ?? 20}
        for update skip locked)
    returning id, event_id as "eventId", subscription_id as "subscriptionId", attempts`);
  return Promise.all([...claimed].map((c) => runAttempt(c)));
}
