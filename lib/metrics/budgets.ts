import client from "prom-client";
import { registry } from "./registry";

/**
 * `brandgate_budget_used_ratio{scope, brand}`: this UTC month's spend over the limit, read from
 * the shared rows at scrape time (lib/monitoring/read-budget-state.ts), so every instance
 * reports the same figure and the alert (budget at 80%) needs no call to have passed through
 * the scraped one. `brand` is the brand's slug (bounded by the brands there are, never a key
 * id); for `key`, the brand's fullest key budget.
 */
export const budgetUsedRatio = new client.Gauge({
  name: "brandgate_budget_used_ratio",
  help: "Share of the monthly budget spent this UTC month, by scope (brand, key: the fullest key budget) and brand slug",
  labelNames: ["scope", "brand"] as const,
  registers: [registry],
});
