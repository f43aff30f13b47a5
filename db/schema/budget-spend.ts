import { bigint, date, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { brands } from "./brands";
import type { BudgetScope } from "./budgets";

/**
 * What a budgeted brand or key has spent this month, and what calls in flight have reserved
 * (lib/budgets/reserve-budget.ts): the shared counter every instance admits calls against.
 * Micro-dollars, like budgets.
 */
export const budgetSpend = pgTable(
  "budget_spend",
  {
    scope: text().$type<BudgetScope>().notNull(),
    /** The brand id for `brand`, the key lineage id for `key`. */
    scopeId: uuid().notNull(),
    /** The first day of the UTC month. */
    month: date({ mode: "string" }).notNull(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    spentMicroUsd: bigint({ mode: "number" }).notNull().default(0),
    /** Estimated maximum cost of the calls admitted and not yet settled. */
    reservedMicroUsd: bigint({ mode: "number" }).notNull().default(0),
    /** Last reservation or settlement: reservations older than a call can live are stale (a crashed instance). */
    touchedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** When the month's warning was sent; it is sent once. */
    warnedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.scope, t.scopeId, t.month] })],
);
