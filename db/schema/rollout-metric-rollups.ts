import { doublePrecision, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { rollouts } from "./rollouts";

/**
 * Sufficient statistics per (rollout, version, metric, time bucket), added to incrementally by
 * the analysis job. Dashboards and decisions read only these, never the raw records.
 * Metric ids and their definitions: lib/rollout/metrics.ts.
 */
export const rolloutMetricRollups = pgTable(
  "rollout_metric_rollups",
  {
    rolloutId: uuid()
      .notNull()
      .references(() => rollouts.id, { onDelete: "cascade" }),
    versionId: uuid().notNull(),
    metric: text().notNull(),
    /** Start of the bucket; buckets are one analysis interval wide, aligned to the rollout's start. */
    bucketStart: timestamp({ withTimezone: true }).notNull(),
    n: doublePrecision().notNull().default(0),
    /** Successes for a proportion; the sum of values for a mean. */
    sum: doublePrecision().notNull().default(0),
    sumSquares: doublePrecision().notNull().default(0),
    /** Counts per fixed latency bucket (LATENCY_BOUNDS_MS), for percentiles without raw rows. */
    histogram: integer().array(),
  },
  (t) => [primaryKey({ columns: [t.rolloutId, t.versionId, t.metric, t.bucketStart] })],
);

export type RolloutMetricRollupRow = typeof rolloutMetricRollups.$inferSelect;
