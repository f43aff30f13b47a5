import { sql } from "drizzle-orm";
import { doublePrecision, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { brands } from "./brands";
import { driftChecks } from "./drift-checks";
import { models } from "./models";
import { users } from "./users";

/**
 * A drift check that crossed its alert threshold. It stays open, shown in the app's banner,
 * until an admin acknowledges it; while it is open, the same signal raises no second alert.
 */
export const driftAlerts = pgTable(
  "drift_alerts",
  {
    id: id(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    modelId: uuid().references(() => models.id, { onDelete: "set null" }),
    /** The check that raised it. */
    checkId: uuid()
      .notNull()
      .references(() => driftChecks.id, { onDelete: "cascade" }),
    signal: text().notNull(),
    statistic: text().notNull(),
    value: doublePrecision().notNull(),
    threshold: doublePrecision().notNull(),
    /** Start of the current window that first showed the drift. */
    since: timestamp({ withTimezone: true }).notNull(),
    acknowledgedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    acknowledgedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    // At most one open alert per signal and statistic: concurrent detectors cannot raise two.
    uniqueIndex("drift_alerts_open_key")
      .on(t.brandId, t.signal, t.statistic)
      .where(sql`${t.acknowledgedAt} is null`),
    index("drift_alerts_brand_created_idx").on(t.brandId, t.createdAt),
  ],
);

export type DriftAlertRow = typeof driftAlerts.$inferSelect;
