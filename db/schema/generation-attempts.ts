import {
  bigint,
  bigserial,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { modelVersions } from "./model-versions";

export const attemptOutcomeEnum = pgEnum("attempt_outcome", [
  "ok",
  "error",
  "timeout",
  "aborted",
  "stream_cut",
  "breaker_open",
]);

/** One call (or refused call) to a model version; the raw material for per-version metrics. */
export const generationAttempts = pgTable(
  "generation_attempts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    versionId: uuid()
      .notNull()
      .references(() => modelVersions.id, { onDelete: "cascade" }),
    /** Brandgate's request id, shared by every attempt of one generation. */
    requestId: text().notNull(),
    /** 1-based, per version within one generation call. */
    attempt: integer().notNull(),
    /** `primary` or `fallback`: which leg of the generation this attempt served. */
    servedAs: text().notNull(),
    startedAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    latencyMs: integer().notNull(),
    tokensIn: integer(),
    tokensOut: integer(),
    outcome: attemptOutcomeEnum().notNull(),
    /** Closed set from lib/models/resilience/classify-error.ts, e.g. `rate_limited`, `server_error`. */
    errorClass: text(),
    httpStatus: integer(),
    /** The provider's own request id (x-request-id), for support tickets with the provider. */
    upstreamRequestId: text(),
    /** The brand that paid for the call (null on rows from before costs were recorded). */
    brandId: uuid(),
    /** The API key that made the call, if a key did (chat lane, API generations). */
    apiKeyId: uuid(),
    /**
     * What the call cost in micro-dollars (USD × 10⁶) at its version's prices: 0 for a version
     * with no price (self-hosted), which usage reports count as unpriced.
     */
    costMicroUsd: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [
    index("generation_attempts_version_idx").on(t.versionId, t.startedAt),
    index("generation_attempts_request_idx").on(t.requestId),
    index("generation_attempts_brand_idx").on(t.brandId, t.startedAt),
  ],
);

export type GenerationAttempt = typeof generationAttempts.$inferSelect;
export type AttemptOutcome = (typeof attemptOutcomeEnum.enumValues)[number];
