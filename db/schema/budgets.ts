import { sql } from "drizzle-orm";
import { bigint, check, doublePrecision, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { id, timestamps } from "./_columns";
import { brands } from "./brands";
import { users } from "./users";

export const BUDGET_SCOPES = ["brand", "key"] as const;
export type BudgetScope = (typeof BUDGET_SCOPES)[number];

/**
 * A monthly spending limit for a brand, or for one API key of it (its rotation lineage, so a
 * rotation neither resets nor escapes it). Money is integer micro-dollars (USD × 10⁶): exact,
 * and a model's price per million tokens is its price in micro-dollars per token.
 */
export const budgets = pgTable(
  "budgets",
  {
    id: id(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    scope: text().$type<BudgetScope>().notNull(),
    /** The key's lineage (api_keys.lineage_id) for a `key` budget; null for the brand's. */
    apiKeyLineageId: uuid(),
    /** The month's limit in micro-dollars (1 USD = 1 000 000). */
    limitMicroUsd: bigint({ mode: "number" }).notNull(),
    /** The share of the limit (0–1) at which the month's one warning goes out. */
    warnAt: doublePrecision().notNull().default(0.8),
    updatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [
    unique("budgets_scope_key").on(t.brandId, t.scope, t.apiKeyLineageId).nullsNotDistinct(),
    check(
      "budgets_scope_lineage",
      sql`(${t.scope} = 'brand' and ${t.apiKeyLineageId} is null) or (${t.scope} = 'key' and ${t.apiKeyLineageId} is not null)`,
    ),
    check("budgets_limit_non_negative", sql`${t.limitMicroUsd} >= 0`),
    check("budgets_warn_at_share", sql`${t.warnAt} > 0 and ${t.warnAt} <= 1`),
  ],
);

export type BudgetRow = typeof budgets.$inferSelect;
