import {
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { brands } from "./brands";
import { models } from "./models";

export const driftStatusEnum = pgEnum("drift_status", ["ok", "warn", "alert"]);
export type DriftStatusValue = (typeof driftStatusEnum.enumValues)[number];

/**
 * One comparison of an input signal between a reference window and the current window, as the
 * `drift.detect.v1` job made it. Windows are half-open [start, end).
 */
export const driftChecks = pgTable(
  "drift_checks",
  {
    id: id(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    /** The model whose inputs these are (the personalisation model for audience features); null when none applies. */
    modelId: uuid().references(() => models.id, { onDelete: "set null" }),
    /** What was compared, e.g. `audience.segment`, `brief.chars`, `checks.banned-terms.failure_rate`. */
    signal: text().notNull(),
    /** `psi` or `ks`. */
    statistic: text().notNull(),
    value: doublePrecision().notNull(),
    /** The test's p-value where it has one (KS, χ² for rates). */
    pValue: doublePrecision(),
    /** The alert threshold the value was judged against. */
    threshold: doublePrecision().notNull(),
    status: driftStatusEnum().notNull(),
    referenceStart: timestamp({ withTimezone: true }).notNull(),
    referenceEnd: timestamp({ withTimezone: true }).notNull(),
    currentStart: timestamp({ withTimezone: true }).notNull(),
    currentEnd: timestamp({ withTimezone: true }).notNull(),
    /** Observations used from each window (after sampling). */
    referenceCount: integer().notNull(),
    currentCount: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // A second run for the same window finds its checks already there: the job is idempotent.
    uniqueIndex("drift_checks_window_key").on(t.brandId, t.signal, t.statistic, t.currentStart, t.currentEnd),
    index("drift_checks_brand_created_idx").on(t.brandId, t.createdAt),
  ],
);

export type DriftCheckRow = typeof driftChecks.$inferSelect;
