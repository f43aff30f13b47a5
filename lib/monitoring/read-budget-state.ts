import { sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { budgetUsedRatio } from "@/lib/metrics/budgets";

/** Each brand's budget use this UTC month, per scope (for `key`, the fullest key budget). */
export async function readBudgetState(): Promise<void> {
  const rows = await db().execute<{ scope: string; brand: string; ratio: number }>(sql`
    select b.scope, br.slug as brand,
      max(case when b.limit_micro_usd > 0 then coalesce(s.spent_micro_usd, 0)::float8 / b.limit_micro_usd else 1 end) as ratio
    from budgets b
    join brands br on br.id = b.brand_id
    left join budget_spend s on s.scope = b.scope and s.scope_id = coalesce(b.api_key_lineage_id, b.brand_id)
      and s.month = date_trunc('month', now() at time zone 'UTC')::date
    group by b.scope, br.slug`);
  budgetUsedRatio.reset();
  for (const r of rows) budgetUsedRatio.set({ scope: r.scope, brand: r.brand }, Number(r.ratio));
}
