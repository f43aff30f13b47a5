import { sql } from "drizzle-orm";
import {
  check,
  doublePrecision,
  foreignKey,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { bytea } from "./_bytea";
import { createdAt, id } from "./_columns";
import { modelKindEnum, models } from "./models";
import { users } from "./users";
import type { GenerationParameters } from "./json/generation-parameters";
import type { ResiliencePolicy } from "./json/resilience-policy";
import type { StoredModelLineage } from "./json/model-lineage";

export const modelProviderEnum = pgEnum("model_provider", ["openai-compatible", "builtin"]);

/**
 * One immutable version of a model: rows are inserted, never updated (only `retired_at` is
 * ever set), so anything that refers to a version id (content revisions, attempts, rollouts)
 * means exactly this config.
 * Generation columns and personalisation columns are exclusive, enforced by a check.
 */
export const modelVersions = pgTable(
  "model_versions",
  {
    id: id(),
    modelId: uuid().notNull(),
    /** Copied from the model and tied to it by the (model_id, kind) foreign key. */
    kind: modelKindEnum().notNull(),
    /** 1, 2, 3… per model, in creation order. */
    version: integer().notNull(),
    /**
     * The name the registrant gave the version (a release tag, a commit), unique per model and
     * used in the REST paths; the version number as text when none was given.
     */
    tag: text().notNull(),
    /** Set when an admin retires the version: no label may point at it again. */
    retiredAt: timestamp({ withTimezone: true }),
    notes: text().notNull().default(""),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),

    provider: modelProviderEnum(),
    /** Null for `builtin`: it resolves to MODEL_BASE_URL at call time. */
    baseUrl: text(),
    /** The model id sent upstream, e.g. `gpt-4o-mini` or `brandgate-copy-2`. */
    modelName: text(),
    /** Sampling parameters and capabilities (temperature, max_tokens, seed, structured output). */
    parameters: jsonb().$type<GenerationParameters>(),
    /** Timeouts, deadline, retries and breaker thresholds for calls to this version. */
    resilience: jsonb().$type<ResiliencePolicy>(),
    /** Name of an environment variable holding the API key; never its value. */
    secretEnv: text(),
    /** API key sealed with AES-256-GCM under a key derived from AUTH_SECRET; never leaves lib/models. */
    secretCiphertext: bytea(),
    /** US dollars per million prompt tokens, for cost reports; null when unknown (self-hosted). */
    priceInputPerMillion: doublePrecision(),
    /** US dollars per million completion tokens. */
    priceOutputPerMillion: doublePrecision(),

    /** The ONNX file itself; models are small (linear / tree scorers). */
    artifact: bytea(),
    /** Hex SHA-256 of `artifact`, checked before a runtime loads it. */
    artifactSha256: text(),
    featureSchema: jsonb().$type<Record<string, unknown>>(),
    /** Where the artifact came from: training data window, code version, metrics. */
    lineage: jsonb().$type<StoredModelLineage>(),
  },
  (t) => [
    unique("model_versions_model_version_key").on(t.modelId, t.version),
    unique("model_versions_model_tag_key").on(t.modelId, t.tag),
    // Target of model_labels' (version_id, model_id) key: a label only points inside its model.
    unique("model_versions_id_model_key").on(t.id, t.modelId),
    foreignKey({
      name: "model_versions_model_kind_fk",
      columns: [t.modelId, t.kind],
      foreignColumns: [models.id, models.kind],
    }).onDelete("cascade"),
    check(
      "model_versions_kind_columns",
      sql`(${t.kind} = 'generation' and ${t.provider} is not null and ${t.modelName} is not null
            and ${t.parameters} is not null and ${t.resilience} is not null and ${t.artifact} is null)
       or (${t.kind} = 'personalisation' and ${t.provider} is null and ${t.artifact} is not null
            and ${t.artifactSha256} is not null and ${t.featureSchema} is not null and ${t.lineage} is not null)`,
    ),
    check("model_versions_one_secret", sql`${t.secretEnv} is null or ${t.secretCiphertext} is null`),
  ],
);

export type ModelVersion = typeof modelVersions.$inferSelect;
export type ModelProvider = (typeof modelProviderEnum.enumValues)[number];
