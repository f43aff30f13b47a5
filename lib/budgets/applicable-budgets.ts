import { sql } from "drizzle-orm";
import type { BudgetScope } from "@/db/schema";
import { versionedCache } from "@/lib/brand-state/versioned-cache";
import { db } from "@/lib/db";

/** A budget that governs a call: the brand's, or the calling key's (by its lineage). */
export interface ApplicableBudget {
  scope: BudgetScope;
  /** budget_spend.scope_id: the brand id, or the key's lineage id. */
  scopeId: string;
  brandId: string;
  limitMicroUsd: number;
  warnAt: number;
}

const cache = versionedCache<ApplicableBudget[]>();

/**
 * The budgets a call by `apiKeyId` (or by a person or the system, null) in `brandId` is held
 * to. Budgets bump the brand state version (migration: budgets), so with the version the
 * request's key read they come from memory, and a brand without budgets costs the chat lane
 * nothing more.
 */
export function applicableBudgets(
  brandId: string,
  apiKeyId: string | null,
  brandStateVersion?: number,
): Promise<ApplicableBudget[]> {
  return cache.get(brandId, `budgets:${apiKeyId ?? ""}`, brandStateVersion, async () => {
    const rows = await db().execute<{
      scope: BudgetScope;
      scope_id: string;
      limit_micro_usd: string | number;
      warn_at: number;
    }>(sql`
      select b.scope, coalesce(b.api_key_lineage_id, b.brand_id) as scope_id, b.limit_micro_usd, b.warn_at
      from budgets b
      where b.brand_id = ${brandId}
        and (b.scope = 'brand'
          or b.api_key_lineage_id = (select k.lineage_id from api_keys k where k.id = ${apiKeyId}::uuid))
      order by b.scope`);
    return rows.map((r) => ({
      scope: r.scope,
      scopeId: r.scope_id,
      brandId,
      limitMicroUsd: Number(r.limit_micro_usd),
      warnAt: Number(r.warn_at),
    }));
  });
}
