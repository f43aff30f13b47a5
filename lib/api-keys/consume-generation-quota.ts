import { and, eq, sql } from "drizzle-orm";
import { apiKeyCounters } from "@/db/schema";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { KeyPrincipal } from "./authenticate-key";

const MONTH = sql`date_trunc('month', now(), 'UTC')`;

/**
 * Takes one generation from the key's monthly quota, or throws 429 when none is left.
 * The increment is guarded in the same statement (`… DO UPDATE … WHERE count < quota`), so
 * concurrent requests on any number of instances can never take more than the quota.
 * Returns a function that gives the generation back (for a request that failed before a
 * model answered) — quota pays for answers, not for errors.
 */
export async function consumeGenerationQuota(principal: KeyPrincipal): Promise<() => Promise<void>> {
  const quota = principal.monthlyGenerationQuota;
  const rows =
    quota <= 0
      ? []
      : await db()
          .insert(apiKeyCounters)
          .values({ lineageId: principal.lineageId, bucket: "generations", windowStart: MONTH, count: 1 })
          .onConflictDoUpdate({
            target: [apiKeyCounters.lineageId, apiKeyCounters.bucket, apiKeyCounters.windowStart],
            set: { count: sql`${apiKeyCounters.count} + 1` },
            setWhere: sql`${apiKeyCounters.count} < ${quota}`,
          })
          .returning({ windowStart: apiKeyCounters.windowStart });
  if (rows.length === 0) {
    const [reset] = await db().execute<{ seconds: number }>(
      sql`select extract(epoch from (${MONTH} + interval '1 month') - now())::float8 as seconds`,
    );
    const retryAfter = Math.max(1, Math.ceil(Number(reset?.seconds ?? 3600)));
    throw new AppError(
      "rate_limited",
      `Monthly generation quota of ${quota} exhausted for this API key`,
      { reason: "monthly_generation_quota", quota, retryAfter },
      retryAfter,
    );
  }
  const windowStart = rows[0]!.windowStart;
  return async () => {
    await db()
      .update(apiKeyCounters)
      .set({ count: sql`${apiKeyCounters.count} - 1` })
      .where(
        and(
          eq(apiKeyCounters.lineageId, principal.lineageId),
          eq(apiKeyCounters.bucket, "generations"),
          eq(apiKeyCounters.windowStart, windowStart),
          sql`${apiKeyCounters.count} > 0`,
        ),
      );
  };
}
