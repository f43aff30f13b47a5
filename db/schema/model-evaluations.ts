import { sql } from "drizzle-orm";
import { index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { StoredEvaluationReport, StoredGate } from "./json/rollout-state";
import { createdAt, id } from "./_columns";
import { modelVersions } from "./model-versions";
import { models } from "./models";

export const evaluationStatusEnum = pgEnum("evaluation_status", [
  "queued",
  "running",
  "passed",
  "failed",
  "error",
]);

/**
 * The gate a new model version passes before any traffic: one row per version, written as
 * `queued` in the transaction that registers the version (so the row is the outbox the job
 * is sent from) and finished by `models.evaluate.v1`. A `failed` row is what makes a version
 * rejected: model_versions stay immutable, and move-label reads this table.
 */
export const modelEvaluations = pgTable(
  "model_evaluations",
  {
    id: id(),
    modelId: uuid()
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    versionId: uuid()
      .notNull()
      .references(() => modelVersions.id, { onDelete: "cascade" }),
    /** The version labelled stable when the run started; null when there was none to compare with. */
    baselineVersionId: uuid().references(() => modelVersions.id, { onDelete: "set null" }),
    /** Which briefs (or holdout) were used: file name and content hash, e.g. `golden-briefs.v1@3fa2…+brand@91bc…`. */
    setVersion: text(),
    status: evaluationStatusEnum().notNull().default("queued"),
    /** Measured on the candidate (`candidate`) and on the baseline (`baseline`), same briefs and seeds. */
    metrics: jsonb().$type<Record<string, unknown>>(),
    /** Each gate: name, threshold, value, passed. */
    gates: jsonb().$type<StoredGate[]>(),
    /** Per-brief results, the summary, and what happened to the canary. */
    report: jsonb().$type<StoredEvaluationReport>(),
    createdAt: createdAt(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("model_evaluations_version_key").on(t.versionId),
    index("model_evaluations_model_idx").on(t.modelId, t.createdAt),
    index("model_evaluations_unfinished_idx")
      .on(t.createdAt)
      .where(sql`${t.status} in ('queued', 'running')`),
  ],
);

export type ModelEvaluation = typeof modelEvaluations.$inferSelect;
export type EvaluationStatus = (typeof evaluationStatusEnum.enumValues)[number];
