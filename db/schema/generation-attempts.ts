import { bigserial, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
  },
  (t) => [
    index("generation_attempts_version_idx").on(t.versionId, t.startedAt),
    index("generation_attempts_request_idx").on(t.requestId),
  ],
);

export type GenerationAttempt = typeof generationAttempts.$inferSelect;
export type AttemptOutcome = (typeof attemptOutcomeEnum.enumValues)[number];
