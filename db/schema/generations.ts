import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, timestamps } from "./_columns";
import { apiKeys } from "./api-keys";
import { brands } from "./brands";
import { templateVersions } from "./template-versions";
import { users } from "./users";
import type { Brief } from "./json/brief";
import type { GenerationOutcome, StepRecord } from "./json/generation-progress";
import type { StoredGenerationRound } from "./json/rollout-state";

export const generationStatusEnum = pgEnum("generation_status", [
  "queued",
  "running",
  "blocked",
  "failed",
  "succeeded",
]);

/**
 * One brief and its run through the pipeline. `steps` is the live, timed progress the UI
 * shows; `rounds` keeps every model attempt (slots, violations) for inspection.
 */
export const generations = pgTable(
  "generations",
  {
    id: id(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    /** The API key that asked for it, acting as a principal of its own (then `createdBy` is null). */
    apiKeyId: uuid().references(() => apiKeys.id, { onDelete: "set null" }),
    templateVersionId: uuid()
      .notNull()
      .references(() => templateVersions.id),
    /** Per-slot instructions and the overall brief, as the marketer wrote them. */
    brief: jsonb().$type<Brief>().notNull(),
    assetIds: uuid().array().notNull().default([]),
    audience: jsonb().$type<Record<string, unknown>>(),
    unitKey: text(),
    status: generationStatusEnum().notNull().default("queued"),
    steps: jsonb().$type<StepRecord[]>().notNull().default([]),
    rounds: jsonb().$type<StoredGenerationRound[]>().notNull().default([]),
    /** Why it was blocked or failed, for people: reasons with the check or error behind each. */
    outcome: jsonb().$type<GenerationOutcome>(),
    contentItemId: uuid(),
    /** Submit the content to review as soon as it is stored (API), or leave it a draft (Studio). */
    autoSubmit: boolean().notNull().default(true),
    /** Client-chosen key (API `Idempotency-Key`, batch row): a retry finds the same generation. */
    idempotencyKey: text(),
    batchId: uuid(),
    batchRow: integer(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("generations_idempotency_key").on(t.brandId, t.idempotencyKey),
    index("generations_brand_created_idx").on(t.brandId, t.createdAt),
    index("generations_batch_idx").on(t.batchId, t.batchRow),
  ],
);

export type GenerationRow = typeof generations.$inferSelect;
