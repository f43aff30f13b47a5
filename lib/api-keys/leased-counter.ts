import { and, eq, sql } from "drizzle-orm";
import { apiKeyCounters } from "@/db/schema";
import { db } from "@/lib/db";
import type { AppError } from "@/lib/errors";
import type { ApiKeyPrincipal } from "@/lib/auth/principal";

/*
 * Design note — a fixed window in Postgres, leased out in blocks.
 *
 * Limits must hold across N stateless web instances, so each counter lives in the shared
 * database: one row per (key lineage, bucket, window), bumped by a single
 * `INSERT … ON CONFLICT DO UPDATE SET count = count + n RETURNING count`. Postgres serialises
 * the conflicting updates on the row lock, so every claim sees a distinct count and none is
 * lost; the window start comes from the database clock, so instances with skewed clocks
 * still share a window.
 *
 * A round trip and a row lock per request made one busy key's row the API's bottleneck
 * (every request of the key queued on that lock and its commit). So an instance claims a
 * block at a time and spends it locally: block = limit / 50, between 1 and 100.
 *
 * - The limit is never exceeded: a claim is granted only what is left under it.
 * - A key may be under-admitted by at most (block − 1) per instance per window — a block
 *   claimed by one instance and not spent there is not available to another. That is ≤ 2%
 *   of the limit per instance; limits under 100 get blocks of 1 and are counted exactly.
 *   An instance that stops gives its unspent leases back (`release`).
 * - A claim granted nothing is a refusal; a rate window used up is then refused locally until
 *   it turns, without asking (`rememberExhausted`).
 * - `giveBack` (quota pays for answers, not errors) returns one to the local lease, or to
 *   the database once the lease holds a whole block.
 */
const MAX_BLOCK = 100;
const BLOCKS_PER_LIMIT = 50;
const MAX_LEASES = 10_000;

export function leaseBlockSize(limit: number): number {
  return Math.max(1, Math.min(MAX_BLOCK, Math.floor(limit / BLOCKS_PER_LIMIT)));
}

interface Lease {
  /** The window, as the database's epoch seconds of its start. */
  window: number;
  /** Local clock time at which the window ends. */
  resetAt: number;
  remaining: number;
  /** The shared window has nothing left: refuse without asking. */
  exhausted: boolean;
}

export interface CounterSpec {
  bucket: "rate" | "generations";
  /** `date_trunc` unit of the window. */
  window: "minute" | "month";
  limitOf: (principal: ApiKeyPrincipal) => number;
  /**
   * Refuse locally, without asking, once the shared window is spent. Only for counters
   * nothing is given back to: a give-back on another instance would go unseen until the
   * window turns.
   */
  rememberExhausted: boolean;
  /** The error for a spent window; `resetInMs` until it turns. */
  refuse: (principal: ApiKeyPrincipal, resetInMs: number) => AppError;
}

export interface LeasedCounter {
  /** Takes one, or throws `refuse`'s error. */
  take(principal: ApiKeyPrincipal): Promise<void>;
  /** Returns one taken in the current window. */
  giveBack(principal: ApiKeyPrincipal): Promise<void>;
  /** Hands every unspent lease back to the database (the instance is stopping). */
  release(): Promise<void>;
}

/** One per web instance: its leases are that instance's share of each key's window. */
export function createLeasedCounter(spec: CounterSpec): LeasedCounter {
  const leases = new Map<string, Lease>();
  /** One claim in flight per key: concurrent requests wait for it instead of each claiming. */
  const claims = new Map<string, Promise<number>>();
  const windowStart = sql`date_trunc(${spec.window}, now(), 'UTC')`;
  const windowEnd = sql`date_trunc(${spec.window}, now(), 'UTC') + ${`1 ${spec.window}`}::interval`;

  const claim = async (principal: ApiKeyPrincipal) => {
    const limit = spec.limitOf(principal);
    const block = leaseBlockSize(limit);
    // The grant is computed from the count before the update (SET sees the old row), so the
    // count stops at the limit and a refused claim changes nothing.
    const grant = sql`least(${block}, greatest(${limit} - ${apiKeyCounters.count}, 0))`;
    const first = Math.min(block, Math.max(limit, 0));
    const [row] = await db()
      .insert(apiKeyCounters)
      .values({
        lineageId: principal.lineageId,
        bucket: spec.bucket,
        windowStart,
        count: first,
        granted: first,
      })
      .onConflictDoUpdate({
        target: [apiKeyCounters.lineageId, apiKeyCounters.bucket, apiKeyCounters.windowStart],
        set: { count: sql`${apiKeyCounters.count} + ${grant}`, granted: grant },
      })
      .returning({
        count: apiKeyCounters.count,
        granted: apiKeyCounters.granted,
        window: sql<number>`extract(epoch from ${apiKeyCounters.windowStart})::float8`,
        resetIn: sql<number>`extract(epoch from ${windowEnd} - now())::float8`,
      });
    const current = leases.get(principal.lineageId);
    const carried = current && current.window === row!.window ? current.remaining : 0;
    if (leases.size >= MAX_LEASES) prune(leases, Date.now());
    leases.set(principal.lineageId, {
      window: row!.window,
      resetAt: Date.now() + row!.resetIn * 1000,
      remaining: carried + row!.granted,
      exhausted: spec.rememberExhausted && row!.count >= limit,
    });
    return row!.granted;
  };

  /** Subtracts `n` from the key's current window in the database. */
  const returnToDatabase = (lineageId: string, window: number, n: number) =>
    db()
      .update(apiKeyCounters)
      .set({ count: sql`greatest(${apiKeyCounters.count} - ${n}, 0)` })
      .where(
        and(
          eq(apiKeyCounters.lineageId, lineageId),
          eq(apiKeyCounters.bucket, spec.bucket),
          sql`${apiKeyCounters.windowStart} = to_timestamp(${window})`,
        ),
      );

  return {
    async take(principal) {
      // Spend a leased one, or wait for the key's one claim in flight (starting it if there is
      // none) and try again. A claim that got nothing is a refusal for everyone waiting on it.
      for (;;) {
        const lease = leases.get(principal.lineageId);
        if (lease && Date.now() < lease.resetAt) {
          if (lease.remaining > 0) {
            lease.remaining--;
            return;
          }
          if (lease.exhausted) throw spec.refuse(principal, lease.resetAt - Date.now());
        }
        let pending = claims.get(principal.lineageId);
        if (!pending) {
          const mine: Promise<number> = claim(principal).finally(() => {
            if (claims.get(principal.lineageId) === mine) claims.delete(principal.lineageId);
          });
          claims.set(principal.lineageId, mine);
          pending = mine;
        }
        if ((await pending) === 0) {
          // Nothing left in the window; what is still leased here is ours to spend.
          const current = leases.get(principal.lineageId)!;
          if (current.remaining > 0) {
            current.remaining--;
            return;
          }
          throw spec.refuse(principal, current.resetAt - Date.now());
        }
      }
    },

    async giveBack(principal) {
      const lease = leases.get(principal.lineageId);
      if (!lease || Date.now() >= lease.resetAt) return;
      // Blocks of one are counted exactly: the database gets it back, for any instance.
      const block = leaseBlockSize(spec.limitOf(principal));
      if (block > 1 && lease.remaining < block) {
        lease.remaining++;
        return;
      }
      await returnToDatabase(principal.lineageId, lease.window, 1);
    },

    async release() {
      const now = Date.now();
      const open = [...leases].filter(([, l]) => l.remaining > 0 && now < l.resetAt);
      leases.clear();
      await Promise.all(open.map(([id, l]) => returnToDatabase(id, l.window, l.remaining)));
    },
  };
}

function prune(leases: Map<string, Lease>, now: number): void {
  for (const [id, lease] of leases) if (lease.resetAt <= now) leases.delete(id);
}
