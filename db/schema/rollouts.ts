import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, timestamps } from "./_columns";
import { brands } from "./brands";
import { modelVersions } from "./model-versions";
import { models } from "./models";
import { users } from "./users";
import type { RolloutConfig, Watermarks } from "./json/rollout-config";
import type { StoredRolloutState } from "./json/rollout-state";

export const rolloutStrategyEnum = pgEnum("rollout_strategy", ["canary", "ab", "shadow", "blue_green"]);
export const rolloutStatusEnum = pgEnum("rollout_status", ["active", "paused", "promoted", "aborted"]);

/**
 * One attempt to replace a model's stable version with a candidate. Written only by
 * lib/rollout; the analysis job reads the rollups and moves `currentStep`, `state` and
 * `watermarks` forward at each look.
 */
export const rollouts = pgTable(
  "rollouts",
  {
    id: id(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    modelId: uuid()
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    stableVersionId: uuid()
      .notNull()
      .references(() => modelVersions.id),
    candidateVersionId: uuid()
      .notNull()
      .references(() => modelVersions.id),
    strategy: rolloutStrategyEnum().notNull(),
    /** RolloutConfig (lib/rollout/rollout-config.ts), validated with zod before it is stored. */
    config: jsonb().$type<RolloutConfig>().notNull(),
    status: rolloutStatusEnum().notNull().default("active"),
    /** Index into the canary steps; 0 for the single-stage strategies. */
    currentStep: integer().notNull().default(0),
    /** When the current step began: a step's minimum duration counts from here. */
    stepStartedAt: timestamp({ withTimezone: true }).notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
    /** The statistics library's RolloutState (mSPRT evidence), carried from look to look. */
    state: jsonb().$type<StoredRolloutState>().notNull().default({}),
    /** Per metric source, how far rows have been rolled up: `{ attempts: <id>, revisions: <iso time>, … }`. */
    watermarks: jsonb().$type<Watermarks>().notNull().default({}),
    /** The time of the last look; a look happens at most once per configured interval. */
    lastLookAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [
    // At most one live (active or paused) rollout per model: two would fight over its route.
    uniqueIndex("rollouts_one_live_per_model")
      .on(t.modelId)
      .where(sql`${t.status} in ('active', 'paused')`),
    index("rollouts_brand_idx").on(t.brandId, t.startedAt),
  ],
);

export type RolloutRow = typeof rollouts.$inferSelect;
export type RolloutStrategy = (typeof rolloutStrategyEnum.enumValues)[number];
export type RolloutStatus = (typeof rolloutStatusEnum.enumValues)[number];
