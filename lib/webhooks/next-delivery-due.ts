import { sql } from "drizzle-orm";
import { db } from "@/lib/db";

/**
 * Milliseconds until the earliest pending delivery is due (0 when one is due now), or null when
 * none is pending: the dispatcher sleeps that long instead of polling on a fixed beat.
 */
export async function nextDeliveryDueInMs(): Promise<number | null> {
  const [row] = await db().execute<{ ms: number | null }>(sql`
    select (extract(epoch from min(next_attempt_at) - now()) * 1000)::float8 as ms
      from webhook_deliveries where status = 'pending'`);
  const ms = row?.ms;
  return ms === null || ms === undefined ? null : Math.max(0, Number(ms));
}
