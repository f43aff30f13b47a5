import { and, eq, lt, sql } from "drizzle-orm";
import { apiKeyCounters, idempotencyKeys } from "@/db/schema";
import { db } from "@/lib/db";
import { authorizeJob } from "@/lib/jobs/authorize-job";
import type { ParsedJobPayload } from "@/lib/jobs/contracts";

/**
 * Deletes expired idempotency keys and per-minute rate windows older than an hour. Monthly
 * generation counters are kept: they are few and admins may want last month's usage.
 * Running it twice deletes nothing more, so retries are safe.
 */
export async function pruneApiRecords(payload: ParsedJobPayload<"pruneApiRecords">) {
  await authorizeJob(payload.actor, "system");
  const idempotency = await db()
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.expiresAt, sql`now()`))
    .returning({ id: idempotencyKeys.id });
  const windows = await db()
    .delete(apiKeyCounters)
    .where(
      and(eq(apiKeyCounters.bucket, "rate"), lt(apiKeyCounters.windowStart, sql`now() - interval '1 hour'`)),
    )
    .returning({ lineageId: apiKeyCounters.lineageId });
  return { idempotencyKeys: idempotency.length, rateWindows: windows.length };
}
