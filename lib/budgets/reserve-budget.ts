import { sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";
import { formatUsd } from "@/lib/models/cost";
import type { ApplicableBudget } from "./applicable-budgets";
import { budgetExceeded } from "./budget-exceeded";

/*
 * Design note — reserve before the call, settle after, in the shared row.
 *
 * A call's cost is known only once the model has answered, so admission cannot wait for it.
 * Each budgeted scope has one budget_spend row per UTC month holding `spent` and `reserved`.
 * Before the call one statement admits and reserves at once:
 *
 *   INSERT … ON CONFLICT DO UPDATE SET reserved = reserved + estimate
 *     WHERE spent + reserved < limit
 *
 * Postgres serialises conflicting updates on the row lock, so every admission sees the
 * reservations of all calls admitted before it, on every instance. After the call one update
 * moves the reservation to `spent` at the actual cost (settle).
 *
 * - Bound: a call is admitted only while spent + reserved is under the limit, and it reserves
 *   an upper bound of its cost (estimate-max-cost.ts). So the admitted calls' bounds exceed
 *   the limit by at most the last admitted call's: the month's spend ends at most one call
 *   over the limit across all instances — inside "one call in flight per instance".
 * - Why not leased blocks like the key quotas (lib/api-keys/leased-counter.ts): a lease is
 *   spent locally without asking, and with money spent after the call, N instances each
 *   finishing their lease could overshoot by N leases, not N calls. The cost is two writes
 *   per call, and only for brands and keys that have a budget: the budgets themselves are read
 *   from memory per brand state version (applicable-budgets.ts).
 * - A crashed instance cannot settle: a row untouched for RESERVATION_TTL has no call in
 *   flight (model deadlines are far shorter), so its reservations are dropped at the next
 *   admission instead of holding the budget shut for the rest of the month.
 * - The warning goes out once a month: the settle that crosses `warnAt` sets warned_at (a
 *   compare-and-set in the same update) and only that one emits `budget.warning`.
 */
const RESERVATION_TTL = sql`interval '10 minutes'`;
const MONTH = sql`date_trunc('month', now() at time zone 'UTC')::date`;

interface Held {
  budget: ApplicableBudget;
  month: string;
}

/** A reservation taken; `settle` once with the actual cost (null: unknown, charge the estimate). */
export interface BudgetHold {
  estimateMicroUsd: number;
  settle(actualMicroUsd: number | null): Promise<void>;
}

async function reserveOne(budget: ApplicableBudget, estimate: number): Promise<string | null> {
  if (budget.limitMicroUsd <= 0) return null;
  const stale = sql`budget_spend.touched_at < now() - ${RESERVATION_TTL}`;
  const reserved = sql`(case when ${stale} then 0 else budget_spend.reserved_micro_usd end)`;
  const rows = await db().execute<{ month: string }>(sql`
    insert into budget_spend as budget_spend (scope, scope_id, month, brand_id, reserved_micro_usd)
    values (${budget.scope}, ${budget.scopeId}, ${MONTH}, ${budget.brandId}, ${estimate})
    on conflict (scope, scope_id, month) do update
      set reserved_micro_usd = ${reserved} + ${estimate}, touched_at = now()
      where budget_spend.spent_micro_usd + ${reserved} < ${budget.limitMicroUsd}
    returning month::text as month`);
  return rows[0]?.month ?? null;
}

async function spentOf(budget: ApplicableBudget): Promise<number> {
  const rows = await db().execute<{ spent: string | number }>(sql`
    select spent_micro_usd as spent from budget_spend
    where scope = ${budget.scope} and scope_id = ${budget.scopeId} and month = ${MONTH}`);
  return Number(rows[0]?.spent ?? 0);
}

async function settleOne(held: Held, estimate: number, actual: number): Promise<void> {
  const { budget, month } = held;
  const warnFrom = Math.ceil(budget.limitMicroUsd * budget.warnAt);
  const rows = await db().execute<{ spent: string | number; warn_now: boolean }>(sql`
    update budget_spend set
      spent_micro_usd = spent_micro_usd + ${actual},
      reserved_micro_usd = greatest(reserved_micro_usd - ${estimate}, 0),
      touched_at = now(),
      warned_at = case when warned_at is null and spent_micro_usd + ${actual} >= ${warnFrom}
        then now() else warned_at end
    where scope = ${budget.scope} and scope_id = ${budget.scopeId} and month = ${month}::date
    returning spent_micro_usd as spent, (warned_at = now()) as warn_now`);
  const row = rows[0];
  if (row?.warn_now) {
    const spent = Number(row.spent);
    await emitWebhookEvent(db(), {
      brandId: budget.brandId,
      type: "budget.warning",
      data: {
        scope: budget.scope,
        ...(budget.scope === "key" && { apiKeyLineageId: budget.scopeId }),
        month,
        currency: "USD",
        limitUsd: formatUsd(budget.limitMicroUsd),
        spentUsd: formatUsd(spent),
        usedRatio: budget.limitMicroUsd > 0 ? spent / budget.limitMicroUsd : 1,
        warnAt: budget.warnAt,
      },
    });
  }
}

/**
 * Admits a call under every budget that governs it, reserving `estimate` micro-dollars in
 * each, or throws 429 `budget_exceeded` (having released what it had reserved).
 */
export async function reserveBudget(budgets: ApplicableBudget[], estimate: number): Promise<BudgetHold> {
  const held: Held[] = [];
  const release = () => Promise.all(held.map((h) => settleOne(h, estimate, 0)));
  for (const budget of budgets) {
    let month: string | null;
    try {
      month = await reserveOne(budget, estimate);
    } catch (err) {
      await release().catch(() => undefined);
      throw err;
    }
    if (!month) {
      await release();
      throw budgetExceeded(budget.scope, budget.limitMicroUsd, await spentOf(budget));
    }
    held.push({ budget, month });
  }
  let settled = false;
  return {
    estimateMicroUsd: estimate,
    async settle(actual) {
      if (settled) return;
      settled = true;
      try {
        await Promise.all(held.map((h) => settleOne(h, estimate, actual ?? estimate)));
      } catch (err) {
        // The reservation lapses after RESERVATION_TTL; the call itself already happened.
        logger().error({ err }, "could not settle a budget reservation");
      }
    },
  };
}

/** Is anything left under every budget (spent and reserved under the limit)? Throws when not. */
export async function assertBudgetLeft(budgets: ApplicableBudget[]): Promise<void> {
  for (const budget of budgets) {
    const rows = await db().execute<{ used: string | number; spent: string | number }>(sql`
      select spent_micro_usd + case when touched_at < now() - ${RESERVATION_TTL} then 0 else reserved_micro_usd end as used,
        spent_micro_usd as spent
      from budget_spend
      where scope = ${budget.scope} and scope_id = ${budget.scopeId} and month = ${MONTH}`);
    const used = Number(rows[0]?.used ?? 0);
    if (budget.limitMicroUsd <= 0 || used >= budget.limitMicroUsd)
      throw budgetExceeded(budget.scope, budget.limitMicroUsd, Number(rows[0]?.spent ?? 0));
  }
}
