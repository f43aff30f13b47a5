import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { apiKeys } from "./api-keys";
import { brands } from "./brands";
import { users } from "./users";
import type { ChatCheckFindings } from "./json/check-result";

export const CHAT_CALL_STATUSES = ["completed", "blocked_input", "blocked_output", "failed"] as const;
export type ChatCallStatus = (typeof CHAT_CALL_STATUSES)[number];

export const CHAT_REVIEW_VERDICTS = ["ok", "flagged"] as const;
export type ChatReviewVerdict = (typeof CHAT_REVIEW_VERDICTS)[number];

/** Why a call was refused or cut: check ids and their explanations. */
export interface ChatBlockedReason {
  phase: "input" | "output";
  checks: { checkId: string; explanation: string }[];
}

/**
 * Every call to the chat lane, blocked and failed ones included. `output` holds what the
 * model said in full, blocked text too, so reviewers can see what was withheld: it is
 * never served by the API from here.
 */
export const chatCalls = pgTable(
  "chat_calls",
  {
    id: id(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    /** The key that called, or null for a signed-in user (`userId`). */
    apiKeyId: uuid().references(() => apiKeys.id, { onDelete: "set null" }),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    /** Null when no model was called (blocked input, unknown model). */
    versionId: uuid(),
    arm: text(),
    servedBy: text(),
    requestId: text().notNull(),
    status: text().$type<ChatCallStatus>().notNull(),
    blockedReason: jsonb().$type<ChatBlockedReason>(),
    /** Non-passing check results (input and output), as reviewers see them. */
    checkResults: jsonb().$type<ChatCheckFindings>().notNull().default({}),
    /** What failed, for `failed` calls (error code and message, never a stack). */
    error: text(),
    /** The user messages, joined: what the input checks saw. */
    input: text().notNull(),
    output: text(),
    tokensIn: integer(),
    tokensOut: integer(),
    /** Micro-dollars (USD × 10⁶) of every model attempt the call made; 0 when its versions have no price. */
    costMicroUsd: bigint({ mode: "number" }).notNull().default(0),
    latencyMs: integer().notNull(),
    streamed: boolean().notNull(),
    /** Picked by the brand's sample rate (deterministic by request id) for after-the-fact review. */
    sampledForReview: boolean().notNull().default(false),
    reviewedAt: timestamp({ withTimezone: true }),
    reviewedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    reviewVerdict: text().$type<ChatReviewVerdict>(),
    reviewNote: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("chat_calls_brand_idx").on(t.brandId, t.createdAt),
    index("chat_calls_request_idx").on(t.requestId),
    index("chat_calls_review_idx").on(t.brandId, t.sampledForReview, t.reviewedAt),
  ],
);

export type ChatCallRow = typeof chatCalls.$inferSelect;
