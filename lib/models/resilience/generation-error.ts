import { AppError, type ErrorCode } from "@/lib/errors";
import type { AttemptRecord } from "../attempts/recorder";
import type { ErrorClass, Failure } from "./classify-error";

const CODES: Record<ErrorClass, ErrorCode> = {
  rate_limited: "rate_limited",
  server_error: "bad_gateway",
  client_error: "bad_gateway",
  connection: "bad_gateway",
  stream_cut: "bad_gateway",
  unknown: "bad_gateway",
  timeout: "timeout",
  deadline: "timeout",
  breaker_open: "unavailable",
  aborted: "unavailable",
};

/** A generation that failed after its attempts (and fallback); `attempts` says what was tried. */
export class GenerationError extends AppError {
  constructor(
    readonly failure: Failure,
    readonly attempts: AttemptRecord[],
  ) {
    super(
      CODES[failure.errorClass],
      `The model did not answer (${failure.errorClass.replace("_", " ")})`,
      { errorClass: failure.errorClass, httpStatus: failure.httpStatus, attempts: attempts.length },
      failure.retryAfterMs !== undefined ? failure.retryAfterMs / 1000 : undefined,
    );
    this.name = "GenerationError";
  }
}
