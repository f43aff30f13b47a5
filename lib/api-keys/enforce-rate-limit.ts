import { sql } from "drizzle-orm";
import { apiKeyCounters } from "@/db/schema";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { KeyPrincipal } from "./authenticate-key";

/*
 * Design note — a fixed one-minute window in Postgres, leased out in blocks.
 *
 * The limit must hold across N stateless web instances, so the counter lives in the shared
 * database: one row per (key lineage, minute), bumped by a single
 * `INSERT … ON CONFLICT DO UPDATE SET count = count + n RETURNING count`. Postgres serialises
 * the conflicting updates on the row lock, so every claim sees a distinct count and none is
 * lost; the window start comes from the database clock, so instances with skewed clocks still
 * share a window.
 *
 * A round trip and a row lock per request made one busy key's row the API's bottleneck (every
 * request of the key queued on that lock and its commit). So an instance claims a block of
 * requests at a time and spends it locally: block = limit / 50, between 1 and 100.
 *
 * - The limit is never exceeded: a claim is granted only what is left under the limit.
 * - A key may be under-admitted by at most (block − 1) requests per instance per window — a
 *   block claimed by one instance and not spent there is not available to another. That is
 *   ≤ 2% of the limit per instance; keys with a limit under 100 a minute get blocks of 1 and
 *   are counted exactly.
 * - Once the window is used up, the instance refuses locally until it turns, without asking.
 *
 * A fixed window admits up to 2× the limit across a minute boundary; a sliding log would be
 * exact but writes and scans far more. Old windows are pruned by
 * `maintenance.prune-api-records.v1`.
 */
const MAX_BLOCK = 100;
const BLOCKS_PER_LIMIT = 50;
const MAX_LEASES = 10_000;

interface Lease {
  /** The window, as the database's epoch seconds of its start. */
  window: number;
  /** Local clock time at which the window ends. */
  resetAt: number;
  remaining: number;
  /** The shared window has nothing left: refuse without asking. */
  exhausted: boolean;
}

export function rateBlockSize(limitPerMinute: number): number {
  return Math.max(1, Math.min(MAX_BLOCK, Math.floor(limitPerMinute / BLOCKS_PER_LIMIT)));
}

export type RateLimiter = (principal: KeyPrincipal) => Promise<void>;

/** One per web instance (its leases are that instance's share of each key's window). */
export function createRateLimiter(): RateLimiter {
  const leases = new Map<string, Lease>();

  /** One claim in flight per key: concurrent requests wait for it instead of each claiming. */
  const claims = new Map<string, Promise<void>>();

  const claim = async (principal: KeyPrincipal) => {
    const block = rateBlockSize(principal.rateLimitPerMinute);
    const [row] = await db()
      .insert(apiKeyCounters)
      .values({
        lineageId: principal.lineageId,
        bucket: "rate",
        windowStart: sql`date_trunc('minute', now())`,
        count: block,
      })
      .onConflictDoUpdate({
        target: [apiKeyCounters.lineageId, apiKeyCounters.bucket, apiKeyCounters.windowStart],
        set: { count: sql`${apiKeyCounters.count} + ${block}` },
      })
      .returning({
        count: apiKeyCounters.count,
        window: sql<number>`extract(epoch from ${apiKeyCounters.windowStart})::float8`,
        resetIn: sql<number>`extract(epoch from ${apiKeyCounters.windowStart} + interval '1 minute' - now())::float8`,
      });
    const granted = Math.max(0, Math.min(block, principal.rateLimitPerMinute - (row!.count - block)));
    const current = leases.get(principal.lineageId);
    const carried = current && current.window === row!.window ? current.remaining : 0;
    if (leases.size >= MAX_LEASES) prune(leases, Date.now());
    leases.set(principal.lineageId, {
      window: row!.window,
      resetAt: Date.now() + row!.resetIn * 1000,
      remaining: carried + granted,
      exhausted: row!.count >= principal.rateLimitPerMinute,
    });
  };

  return async function enforceRateLimit(principal) {
    // At most: spend a leased request, or wait for a claim and spend from it, or claim.
    for (let round = 0; ; round++) {
      const now = Date.now();
      const lease = leases.get(principal.lineageId);
      if (lease && now < lease.resetAt) {
        if (lease.remaining > 0) {
          lease.remaining--;
          return;
        }
        if (lease.exhausted) throw rateLimited(principal, lease.resetAt - now);
      }
      const pending = claims.get(principal.lineageId);
      if (pending && round < 3) {
        await pending.catch(() => undefined);
        continue;
      }
      const mine = claim(principal).finally(() => {
        if (claims.get(principal.lineageId) === mine) claims.delete(principal.lineageId);
      });
      claims.set(principal.lineageId, mine);
      await mine;
    }
  };
}

function prune(leases: Map<string, Lease>, now: number): void {
  for (const [id, lease] of leases) if (lease.resetAt <= now) leases.delete(id);
}

function rateLimited(principal: KeyPrincipal, resetInMs: number): AppError {
  const retryAfter = Math.max(1, Math.ceil(resetInMs / 1000));
  return new AppError(
    "rate_limited",
    `Rate limit of ${principal.rateLimitPerMinute} requests per minute exceeded for this API key`,
    { limit: principal.rateLimitPerMinute, window: "minute", retryAfter },
    retryAfter,
  );
}
