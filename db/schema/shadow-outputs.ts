import { boolean, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { brands } from "./brands";
import { models } from "./models";
import type { CheckResult } from "./json/check-result";

/**
 * What a candidate answered to mirrored traffic in shadow mode: stored and checked, never
 * served. A failed shadow call is kept too (`error`), so no mirrored request goes missing.
 */
export const shadowOutputs = pgTable(
  "shadow_outputs",
  {
    id: id(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    modelId: uuid()
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    versionId: uuid().notNull(),
    /** The version that served the real answer to the same request. */
    primaryVersionId: uuid().notNull(),
    requestId: text().notNull(),
    /**
     * What was asked, as a reviewer reads it (the brief, for a generation); null on the chat
     * lane, whose question is in chat_calls (same request id).
     */
    prompt: text(),
    /**
     * What the primary version answered to the same request (a generation's first-round
     * slots, as JSON); null on the chat lane, whose served answer is in chat_calls.
     */
    primaryOutput: text(),
    output: text(),
    score: integer(),
    blocked: boolean(),
    checkResults: jsonb().$type<CheckResult[]>(),
    error: text(),
    latencyMs: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("shadow_outputs_model_idx").on(t.modelId, t.createdAt)],
);
