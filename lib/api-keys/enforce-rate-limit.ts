import { sql } from "drizzle-orm";
import { apiKeyCounters } from "@/db/schema";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { KeyPrincipal } from "./authenticate-key";

/*
 * Design note — why a fixed one-minute window in Postgres.
 *
 * The limit must hold across N stateless web instances, so the counter lives in the shared
 * database: one row per (key lineage, minute), bumped by a single
 * `INSERT … ON CONFLICT DO UPDATE SET count = count + 1 RETURNING count`. Postgres serialises
 * the conflicting updates on the row lock, so every request sees a distinct count and no
 * increment is lost; the window start comes from the database clock, so instances with
 * skewed clocks still share a window. Cost: one round trip and one row lock per request;
 * requests of different keys never contend. A fixed window admits up to 2× the limit
 * across a minute boundary; a sliding log (one row per request) would be exact but writes
 * and scans far more, and a two-window weighted estimate adds a read for little gain at
 * per-minute limits. Requests refused still count, so a client hammering past its limit
 * stays refused until the window turns. Old windows are pruned by
 * `maintenance.prune-api-records.v1`. A hot key at thousands of requests/second would make
 * its row a contention point; that is the time to shard the row or move the counter to a
 * shared cache, not before.
 */
export async function enforceRateLimit(principal: KeyPrincipal): Promise<void> {
  const [row] = await db()
    .insert(apiKeyCounters)
    .values({
      lineageId: principal.lineageId,
      bucket: "rate",
      windowStart: sql`date_trunc('minute', now())`,
      count: 1,
    })
    .onConflictDoUpdate({
      target: [apiKeyCounters.lineageId, apiKeyCounters.bucket, apiKeyCounters.windowStart],
      set: { count: sql`${apiKeyCounters.count} + 1` },
    })
    .returning({
      count: apiKeyCounters.count,
      resetIn: sql<number>`extract(epoch from ${apiKeyCounters.windowStart} + interval '1 minute' - now())::float8`,
    });
  if (row!.count > principal.rateLimitPerMinute) {
    const retryAfter = Math.max(1, Math.ceil(row!.resetIn));
    throw new AppError(
      "rate_limited",
      `Rate limit of ${principal.rateLimitPerMinute} requests per minute exceeded for this API key`,
      { limit: principal.rateLimitPerMinute, window: "minute", retryAfter },
      retryAfter,
    );
  }
}
