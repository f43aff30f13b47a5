import {
  bigserial,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import type { StoredDecisionMetrics, StoredDecisionReason } from "./json/rollout-state";
import { rollouts } from "./rollouts";

export const rolloutDecisionKindEnum = pgEnum("rollout_decision_kind", [
  "started",
  "hold",
  "advance",
  "promote",
  "abort",
  /** A sample-ratio mismatch: a warning; nothing was changed. */
  "blocked",
  "pause",
  "resume",
]);

/** Every decision about a rollout, automatic or human, with the numbers it rested on. */
export const rolloutDecisions = pgTable(
  "rollout_decisions",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    rolloutId: uuid()
      .notNull()
      .references(() => rollouts.id, { onDelete: "cascade" }),
    at: timestamp({ withTimezone: true }).notNull(),
    decision: rolloutDecisionKindEnum().notNull(),
    stepBefore: integer().notNull(),
    stepAfter: integer().notNull(),
    /** Percent of units on the candidate before and after the decision. */
    weightBefore: integer().notNull(),
    weightAfter: integer().notNull(),
    /** DecisionReason[] from the statistics library, or a person's reason. */
    reasons: jsonb().$type<StoredDecisionReason[]>().notNull().default([]),
    /** `job` for the analysis job, `user:<id>` for a person. */
    decidedBy: text().notNull(),
    /** Units per arm, the sample-ratio check and every MetricReport at this look. */
    metrics: jsonb().$type<StoredDecisionMetrics>().notNull().default({}),
  },
  (t) => [index("rollout_decisions_rollout_idx").on(t.rolloutId, t.at)],
);

export type RolloutDecisionRow = typeof rolloutDecisions.$inferSelect;
export type RolloutDecisionKind = (typeof rolloutDecisionKindEnum.enumValues)[number];
