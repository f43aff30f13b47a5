import { sql } from "drizzle-orm";
import { z } from "zod";
import type { BudgetScope } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";

export interface BudgetView {
  id: string;
  scope: BudgetScope;
  /** For a key budget: the lineage's current key (its newest), by name and prefix. */
  key: { id: string; name: string; prefix: string } | null;
  limitMicroUsd: number;
  warnAt: number;
  /** This UTC month. */
  spentMicroUsd: number;
  reservedMicroUsd: number;
  /** spent / limit (1 when the limit is 0). */
  usedRatio: number;
  status: "ok" | "warning" | "exceeded";
  updatedAt: Date;
}

export const listBudgetsInput = z.object({ brandId: z.string().uuid() });

/** The brand's budgets with what this month has spent against each. */
export async function listBudgets(
  principal: Principal | null,
  raw: z.input<typeof listBudgetsInput>,
): Promise<BudgetView[]> {
  const { brandId } = parseOrThrow(listBudgetsInput, raw);
  authorize(principal, "usage:view", brandId);
  return readBudgets(brandId);
}

export async function readBudgets(brandId: string): Promise<BudgetView[]> {
  const rows = await db().execute<{
    id: string;
    scope: BudgetScope;
    key_id: string | null;
    key_name: string | null;
    key_prefix: string | null;
    limit_micro_usd: string | number;
    warn_at: number;
    spent: string | number | null;
    reserved: string | number | null;
    updated_at: string | Date;
  }>(sql`
    select b.id, b.scope, k.id as key_id, k.name as key_name, k.prefix as key_prefix,
      b.limit_micro_usd, b.warn_at, s.spent_micro_usd as spent, s.reserved_micro_usd as reserved, b.updated_at
    from budgets b
    left join lateral (
      select id, name, prefix from api_keys where lineage_id = b.api_key_lineage_id order by created_at desc limit 1
    ) k on b.scope = 'key'
    left join budget_spend s on s.scope = b.scope and s.scope_id = coalesce(b.api_key_lineage_id, b.brand_id)
      and s.month = date_trunc('month', now() at time zone 'UTC')::date
    where b.brand_id = ${brandId}
    order by b.scope, k.name`);
  return rows.map((r) => {
    const limit = Number(r.limit_micro_usd);
    const spent = Number(r.spent ?? 0);
    const ratio = limit > 0 ? spent / limit : 1;
    const warnAt = Number(r.warn_at);
    return {
      id: r.id,
      scope: r.scope,
      key: r.key_id ? { id: r.key_id, name: r.key_name!, prefix: r.key_prefix! } : null,
      limitMicroUsd: limit,
      warnAt,
      spentMicroUsd: spent,
      reservedMicroUsd: Number(r.reserved ?? 0),
      usedRatio: ratio,
      status: ratio >= 1 ? "exceeded" : ratio >= warnAt ? "warning" : "ok",
      updatedAt: new Date(r.updated_at),
    };
  });
}
