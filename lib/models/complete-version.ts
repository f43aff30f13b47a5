import type { AttemptRecord } from "./attempts/recorder";
import {
  attemptBase,
  failureFields,
  recordAttempt,
  type GatewayDeps,
  type GenerateOptions,
  type Leg,
} from "./gateway-deps";
import type { GenerationTarget } from "./generation-target";
import type { ProviderResult } from "./providers/types";
import type { Failure } from "./resilience/classify-error";
import { runWithRetries } from "./resilience/run-with-retries";
import { versionDeadline } from "./resilience/version-deadline";

export type VersionOutcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/** One version, non-streaming, under its policy; every attempt lands in `attempts`. */
export async function completeVersion(
  deps: GatewayDeps,
  target: GenerationTarget,
  leg: Leg,
  options: GenerateOptions,
  callerSignal: AbortSignal,
  attempts: AttemptRecord[],
): Promise<VersionOutcome<ProviderResult>> {
  const base = attemptBase(target, leg, options);
  const deadline = versionDeadline(callerSignal, target.policy.deadlineMs);
  try {
    const run = await runWithRetries({
      policy: target.policy,
      breaker: deps.breakers(target),
      callerSignal,
      deadlineSignal: deadline.signal,
      deadlineAt: deadline.deadlineAt,
      call: (signal) =>
        target.provider.complete({
          messages: options.messages,
          responseFormat: options.responseFormat,
          signal,
          seed: options.seed,
          sampling: options.sampling,
        }),
      onFailure: (start, failure) => recordAttempt(deps, attempts, base, start, failureFields(failure)),
    });
    if (!run.ok) return run;
    const { tokensIn, tokensOut, upstreamRequestId, finishReason } = run.value;
    recordAttempt(
      deps,
      attempts,
      base,
      run.start,
      { outcome: "ok", tokensIn, tokensOut, upstreamRequestId },
      finishReason,
    );
    return run;
  } finally {
    deadline.dispose();
  }
}
