import { isBrokenCircuitError, TaskCancelledError } from "cockatiel";
import OpenAI from "openai";
import type { AttemptOutcome } from "@/db/schema";
import { parseRetryAfter } from "./retry-after";

/** The closed set of error classes stored in generation_attempts.error_class. */
export type ErrorClass =
  | "rate_limited"
  | "server_error"
  | "client_error"
  | "connection"
  | "timeout"
  | "deadline"
  | "aborted"
  | "stream_cut"
  | "breaker_open"
  | "unknown";

export interface Failure {
  outcome: AttemptOutcome;
  errorClass: ErrorClass;
  /** Worth another attempt on the same version: 429, 5xx, connection reset, timeout. */
  retryable: boolean;
  /** Says something about the version's health, so it feeds the circuit breaker. */
  tripsBreaker: boolean;
  httpStatus: number | null;
  retryAfterMs: number | undefined;
  upstreamRequestId: string | null;
}

export interface FailureContext {
  /** The caller's signal: its abort is the caller leaving, not the upstream failing. */
  callerSignal: AbortSignal;
  /** The version's deadline signal. */
  deadlineSignal: AbortSignal;
}

function failure(errorClass: ErrorClass, extra: Partial<Failure> = {}): Failure {
  const retryable = ["rate_limited", "server_error", "connection", "timeout"].includes(errorClass);
  return {
    outcome:
      errorClass === "timeout" || errorClass === "deadline"
        ? "timeout"
        : errorClass === "aborted"
          ? "aborted"
          : errorClass === "stream_cut"
            ? "stream_cut"
            : errorClass === "breaker_open"
              ? "breaker_open"
              : "error",
    errorClass,
    retryable,
    tripsBreaker: retryable || errorClass === "deadline" || errorClass === "stream_cut",
    httpStatus: null,
    retryAfterMs: undefined,
    upstreamRequestId: null,
    ...extra,
  };
}

/** What went wrong with one attempt, decided once so retries, the breaker and records agree. */
export function classifyError(err: unknown, context: FailureContext): Failure {
  if (context.callerSignal.aborted) return failure("aborted");
  if (context.deadlineSignal.aborted) return failure("deadline");
  // cockatiel 3.2.1's isTaskCancelledError tests the wrong property, hence instanceof.
  if (err instanceof TaskCancelledError) return failure("timeout");
  if (err instanceof OpenAI.APIConnectionTimeoutError) return failure("timeout");
  if (isBrokenCircuitError(err)) return failure("breaker_open");
  if (err instanceof OpenAI.APIUserAbortError) return failure("aborted");
  if (err instanceof OpenAI.APIConnectionError) return failure("connection");
  if (err instanceof OpenAI.APIError && err.status !== undefined) {
    const extra = {
      httpStatus: err.status,
      retryAfterMs: parseRetryAfter(err.headers),
      upstreamRequestId: err.requestID ?? null,
    };
    if (err.status === 429) return failure("rate_limited", extra);
    if (err.status >= 500) return failure("server_error", extra);
    // Every other 4xx is about the request (or the version's config): retrying cannot help.
    return failure("client_error", extra);
  }
  return failure("unknown");
}
