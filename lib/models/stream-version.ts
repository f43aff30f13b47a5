import type { AttemptRecord } from "./attempts/recorder";
import { withParsed } from "./with-parsed";
import {
  failureFields,
  attemptBase,
  recordAttempt,
  type GatewayDeps,
  type GenerateOptions,
  type GenerationResult,
  type Leg,
} from "./gateway-deps";
import type { ProviderStream, StreamEvent } from "./providers/types";
import { classifyError, type Failure } from "./resilience/classify-error";
import { GenerationError } from "./resilience/generation-error";
import { runWithRetries } from "./resilience/run-with-retries";
import { versionDeadline } from "./resilience/version-deadline";

export type GenerationStreamEvent =
  /** Each delta names the leg that is answering, so a consumer that stops early knows it. */
  | { type: "delta"; text: string; versionId: string; servedBy: Leg }
  | { type: "done"; result: GenerationResult };

interface OpenStream {
  stream: ProviderStream;
  first: IteratorResult<StreamEvent>;
  upstream: AbortController;
}

/** A failure after the first chunk: whatever the transport said, the stream was cut. */
function midStream(failure: Failure): Failure {
  if (["aborted", "deadline", "timeout"].includes(failure.errorClass)) return failure;
  return { ...failure, errorClass: "stream_cut", outcome: "stream_cut" };
}

/**
 * Streams from the first leg that opens. Until the first chunk arrives an attempt can be
 * retried and the fallback can answer; once a delta has gone to the consumer neither can
 * (the consumer would see text twice), so a later failure ends the stream with an error.
 * Timeouts: the policy's attempt timeout bounds the wait for the first chunk and each gap
 * between chunks; the deadline bounds the whole stream. Mid-stream failures are recorded
 * but do not feed the breaker, which only sees the opening.
 */
export async function* streamVersion(
  deps: GatewayDeps,
  options: GenerateOptions,
  legs: { versionId: string; leg: Leg }[],
): AsyncGenerator<GenerationStreamEvent> {
  const callerSignal = options.signal ?? new AbortController().signal;
  const attempts: AttemptRecord[] = [];
  let lastFailure: Failure | undefined;
  for (const { versionId, leg } of legs) {
    const target = await deps.resolveTarget(options.brandId, versionId);
    const base = attemptBase(target, leg, options);
    const deadline = versionDeadline(callerSignal, target.policy.deadlineMs);
    try {
      const run = await runWithRetries<OpenStream>({
        policy: target.policy,
        breaker: deps.breakers(target),
        callerSignal,
        deadlineSignal: deadline.signal,
        deadlineAt: deadline.deadlineAt,
        keepSignal: true,
        call: async (attemptSignal) => {
          // Our own controller: cockatiel unlinks its signal once the first chunk is in.
          const upstream = new AbortController();
          const abort = () => upstream.abort();
          attemptSignal.addEventListener("abort", abort, { once: true });
          deadline.signal.addEventListener("abort", abort, { once: true });
          try {
            const stream = await target.provider.stream({
              messages: options.messages,
              responseFormat: options.responseFormat,
              seed: options.seed,
              sampling: options.sampling,
              signal: upstream.signal,
            });
            return { stream, first: await stream.events.next(), upstream };
          } catch (err) {
            upstream.abort();
            throw err;
          } finally {
            attemptSignal.removeEventListener("abort", abort);
          }
        },
        onFailure: (start, failure) => recordAttempt(deps, attempts, base, start, failureFields(failure)),
      });
      if (!run.ok) {
        lastFailure = run.failure;
        if (lastFailure.errorClass === "aborted") break;
        continue;
      }

      const { stream, upstream } = run.value;
      let next = run.value.first;
      let text = "";
      let finished = false;
      try {
        for (;;) {
          if (next.done) throw new Error("stream ended without a final chunk");
          const event = next.value;
          if (event.type === "done") {
            if (event.finishReason === null) throw new Error("stream ended without a finish reason");
            recordAttempt(
              deps,
              attempts,
              base,
              run.start,
              { outcome: "ok", ...event.usage, upstreamRequestId: stream.upstreamRequestId },
              event.finishReason,
            );
            finished = true;
            const result = {
              text,
              usage: event.usage,
              finishReason: event.finishReason,
              versionId,
              servedBy: leg,
              attempts,
            };
            yield { type: "done", result: withParsed(result, options) };
            return;
          }
          text += event.text;
          yield { type: "delta", text: event.text, versionId, servedBy: leg };
          let idle = false;
          const timer = setTimeout(() => {
            idle = true;
            upstream.abort();
          }, target.policy.attemptTimeoutMs);
          try {
            next = await stream.events.next();
          } catch (err) {
            throw idle && !deadline.signal.aborted ? new IdleTimeout() : err;
          } finally {
            clearTimeout(timer);
          }
        }
      } catch (err) {
        finished = true;
        upstream.abort();
        const failure =
          err instanceof IdleTimeout
            ? idleFailure()
            : midStream(classifyError(err, { callerSignal, deadlineSignal: deadline.signal }));
        recordAttempt(deps, attempts, base, run.start, {
          ...failureFields(failure),
          upstreamRequestId: stream.upstreamRequestId,
        });
        throw new GenerationError(failure, attempts);
      } finally {
        if (!finished) {
          // The consumer stopped reading (break / return): release the upstream and say so.
          upstream.abort();
          recordAttempt(deps, attempts, base, run.start, {
            outcome: "aborted",
            errorClass: "aborted",
            upstreamRequestId: stream.upstreamRequestId,
          });
        }
      }
    } finally {
      deadline.dispose();
    }
  }
  throw new GenerationError(lastFailure!, attempts);
}

class IdleTimeout extends Error {}

function idleFailure(): Failure {
  return {
    outcome: "timeout",
    errorClass: "timeout",
    retryable: false,
    tripsBreaker: false,
    httpStatus: null,
    retryAfterMs: undefined,
    upstreamRequestId: null,
  };
}
