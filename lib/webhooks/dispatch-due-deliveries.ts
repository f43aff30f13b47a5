import { sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { leaseSeconds, runAttempt, type AttemptOutcome, type ClaimedDelivery } from "./run-attempt";

/**
 * Claims up to `limit` pending deliveries that are due and attempts them. A claim pushes
 * `next_attempt_at` past a lease, so a worker that dies mid-attempt leaves the row due again
 * when the lease runs out; `SKIP LOCKED` lets every worker dispatch at once without claiming
 * the same row twice.
 */
export async function dispatchDueDeliveries(
  options: { limit?: number } = {},
): Promise<(AttemptOutcome | "error")[]> {
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
  // One failing attempt must not abandon the others; its row is due again when its lease ends.
  const settled = await Promise.allSettled([...claimed].map((c) => runAttempt(c)));
  return settled.map((r, i) => {
    if (r.status === "fulfilled") return r.value;
    logger().error({ err: r.reason, delivery: claimed[i]?.id }, "webhook attempt failed");
    return "error";
  });
}
