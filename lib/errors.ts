/**
 * The closed set of error codes and their HTTP statuses. Every entry point maps errors
 * through `toErrorBody`, so clients always see `{ error: { code, message, details? } }`.
 */
import { z } from "zod";

export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  /** The client took too long to send its request (headers or body). */
  request_timeout: 408,
  conflict: 409,
  /** An Idempotency-Key whose first request is still running. */
  idempotency_in_progress: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  /** An Idempotency-Key sent again with a different method, path or body. */
  idempotency_key_reused: 422,
  rate_limited: 429,
  /** The brand's or the key's monthly budget is spent: no new model work until it turns or is raised. */
  budget_exceeded: 429,
  headers_too_large: 431,
  internal: 500,
  bad_gateway: 502,
  unavailable: 503,
  timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Seconds, for 429 and 503. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Field paths and messages, e.g. `[{ path: "brand.name", message: "Required" }]`. */
export function validationError(error: z.ZodError, message = "The request is not valid"): AppError {
  return new AppError(
    "validation_failed",
    message,
    error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  );
}

export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

export interface MappedError {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** True when the error was not an AppError: log it, it is a bug or an outage. */
  unexpected: boolean;
}

/** Unknown errors become a generic 500 that leaks nothing; the caller logs them. */
export function toErrorBody(err: unknown, requestId?: string): MappedError {
  if (err instanceof AppError) {
    const headers: Record<string, string> = {};
    if (err.retryAfter !== undefined) headers["retry-after"] = String(Math.max(1, Math.ceil(err.retryAfter)));
    // A spent budget does not come back within a retry: OpenAI's clients honour this header
    // and raise at once instead of retrying the 429.
    if (err.code === "budget_exceeded") headers["x-should-retry"] = "false";
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.details !== undefined) body.error.details = err.details;
    return { status: err.status, body, headers, unexpected: false };
  }
  if (err instanceof z.ZodError) return toErrorBody(validationError(err), requestId);
  return {
    status: 500,
    body: {
      error: {
        code: "internal",
        message: requestId ? `Something went wrong (request ${requestId})` : "Something went wrong",
      },
    },
    headers: {},
    unexpected: true,
  };
}
