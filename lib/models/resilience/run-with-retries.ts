import { setTimeout as sleep } from "node:timers/promises";
import {
  ExponentialBackoff,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  type CircuitBreakerPolicy,
  type IBackoff,
} from "cockatiel";
import { AttemptFailed } from "./breakers";
import { classifyError, type Failure } from "./classify-error";
import type { ResiliencePolicy } from "./policy";

export interface AttemptStart {
  attempt: number;
  startedAt: Date;
  started: number;
}

export interface RunWithRetriesOptions<T> {
  policy: ResiliencePolicy;
  breaker: CircuitBreakerPolicy;
  callerSignal: AbortSignal;
  /** Aborts at the version's deadline (or with the caller); the whole run stays inside it. */
  deadlineSignal: AbortSignal;
  deadlineAt: number;
  /** One upstream call. For streams it resolves once the first chunk is in, and keeps its signal. */
  call: (signal: AbortSignal) => Promise<T>;
  /** Streams keep the attempt's signal alive after `call` resolves; plain calls release it. */
  keepSignal?: boolean;
  /** Records a failed attempt; a successful one is recorded by the caller, who knows its tokens. */
  onFailure: (start: AttemptStart, failure: Failure) => void;
}

export type RunResult<T> = { ok: true; value: T; start: AttemptStart } | { ok: false; failure: Failure };

/**
 * Calls one model version under its policy: a per-attempt timeout (never past the deadline),
 * retries only for retryable failures with exponential backoff and decorrelated jitter, an
 * upstream's Retry-After honoured when longer than the backoff, and the version's circuit
 * breaker around every attempt.
 *
 * The loop is ours rather than cockatiel's `retry` because the wait depends on the failed
 * response (Retry-After) and on the deadline: when the upstream asks for longer than the
 * deadline leaves, we give up at once instead of sleeping into a certain timeout.
 */
export async function runWithRetries<T>(options: RunWithRetriesOptions<T>): Promise<RunResult<T>> {
  const { policy, breaker, callerSignal, deadlineSignal, deadlineAt } = options;
  const context = { callerSignal, deadlineSignal };
  let backoff: IBackoff<unknown> | undefined;
  for (let attempt = 1; ; attempt++) {
    const start: AttemptStart = { attempt, startedAt: new Date(), started: performance.now() };
    const remaining = deadlineAt - performance.now();
    try {
      if (remaining <= 0) throw new AttemptFailed(classifyError(undefined, context));
      const attemptTimeout = timeout(Math.min(policy.attemptTimeoutMs, remaining), {
        strategy: TimeoutStrategy.Aggressive,
        // Not aborted on return: aborting builds a DOMException per call (2% of the chat lane's CPU),
        // and the transports drop their abort listeners when their request closes.
        abortOnReturn: false,
      });
      const value = await breaker.execute(async () => {
        try {
          return await attemptTimeout.execute(async ({ signal }) => {
            try {
              return await options.call(signal);
            } catch (err) {
              // The timeout aborts the signal and the SDK reports a plain abort: name it.
              throw signal.aborted ? new TaskCancelledError("attempt timed out") : err;
            }
          }, deadlineSignal);
        } catch (err) {
          const failure = classifyError(err, context);
          throw new AttemptFailed(failure);
        }
      }, deadlineSignal);
      return { ok: true, value, start };
    } catch (err) {
      const failure = err instanceof AttemptFailed ? err.failure : classifyError(err, context);
      options.onFailure(start, failure);
      if (!failure.retryable || attempt > policy.maxRetries) return { ok: false, failure };
      backoff = (
        backoff ??
        new ExponentialBackoff({
          initialDelay: policy.backoff.initialDelayMs,
          maxDelay: policy.backoff.maxDelayMs,
        })
      ).next(undefined);
      const wait = Math.max(backoff.duration, failure.retryAfterMs ?? 0);
      if (performance.now() + wait >= deadlineAt) return { ok: false, failure };
      try {
        await sleep(wait, undefined, { signal: deadlineSignal });
      } catch {
        const stopped = classifyError(undefined, context);
        return { ok: false, failure: stopped.errorClass === "unknown" ? failure : stopped };
      }
    }
  }
}
