/**
 * One circuit breaker per model version, held in this process's memory — by design: a
 * breaker reacts to what this instance sees within seconds, and sharing it through Postgres
 * would put a database round trip on every generation and couple instances' failure modes.
 * Each instance trips on its own; metrics and rollout decisions use generation_attempts,
 * which is shared.
 */
import {
  CircuitState,
  circuitBreaker,
  ConsecutiveBreaker,
  handleWhen,
  SamplingBreaker,
  type CircuitBreakerPolicy,
} from "cockatiel";
import { setBreakerState, type BreakerStateName } from "@/lib/metrics/models";
import type { GenerationTarget } from "../generation-target";
import type { Failure } from "./classify-error";

/** Thrown inside the breaker so it can tell version failures from the caller's own errors. */
export class AttemptFailed extends Error {
  constructor(readonly failure: Failure) {
    super(`attempt failed: ${failure.errorClass}`);
  }
}

export type BreakerRegistry = (
  target: Pick<GenerationTarget, "versionId" | "policy" | "labels">,
) => CircuitBreakerPolicy;

const STATE_NAMES: Record<CircuitState, BreakerStateName> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.HalfOpen]: "half_open",
  [CircuitState.Open]: "open",
  [CircuitState.Isolated]: "isolated",
};

export function createBreakerRegistry(): BreakerRegistry {
  const breakers = new Map<string, CircuitBreakerPolicy>();
  return ({ versionId, policy, labels }) => {
    let breaker = breakers.get(versionId);
    if (!breaker) {
      const b = policy.breaker;
      breaker = circuitBreaker(
        handleWhen((err) => err instanceof AttemptFailed && err.failure.tripsBreaker),
        {
          halfOpenAfter: b.halfOpenAfterMs,
          breaker:
            b.kind === "consecutive"
              ? new ConsecutiveBreaker(b.threshold)
              : new SamplingBreaker({
                  threshold: b.threshold,
                  duration: b.durationMs,
                  minimumRps: b.minimumRps,
                }),
        },
      );
      // Versions are immutable, so the policy behind a version id never changes.
      breakers.set(versionId, breaker);
      setBreakerState(labels, "closed");
      breaker.onStateChange((state) => setBreakerState(labels, STATE_NAMES[state]));
    }
    return breaker;
  };
}
