import client from "prom-client";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { registry } from "@/lib/metrics";

/**
 * `brandgate_budget_used_ratio{scope, brand}`: this UTC month's spend over the limit, read
 * from the shared rows at scrape time, so every instance reports the same figure and the
 * alert (budget at 80%) needs no call to have passed through the scraped one. `brand` is the
 * brand's slug (bounded by the brands there are, never a key id); for `key`, the brand's
 * fullest key budget.
 */
export const budgetUsedRatio = new client.Gauge({
  name: "brandgate_budget_used_ratio",
  help: "Share of the monthly budget spent this UTC month, by scope (brand, key: the fullest key budget) and brand slug",
  labelNames: ["scope", "brand"] as const,
  registers: [registry],
  async collect() {
    try {
      const rows = await db().execute<{ scope: string; brand: string; ratio: number }>(sql`
        select b.scope, br.slug as brand,
          max(case when b.limit_micro_usd > 0 then coalesce(s.spent_micro_usd, 0)::float8 / b.limit_micro_usd else 1 end) as ratio
        from budgets b
        join brands br on br.id = b.brand_id
        left join budget_spend s on s.scope = b.scope and s.scope_id = coalesce(b.api_key_lineage_id, b.brand_id)
          and s.month = date_trunc('month', now() at time zone 'UTC')::date
        group by b.scope, br.slug`);
      this.reset();
      for (const r of rows) this.set({ scope: r.scope, brand: r.brand }, Number(r.ratio));
    } catch (err) {
      // A scrape must answer even with the database away; the family then reads empty.
      this.reset();
      logger().warn({ err }, "could not read budgets for brandgate_budget_used_ratio");
    }
  },
});
