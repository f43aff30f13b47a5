import { AppError } from "@/lib/errors";
import type { ApiKeyPrincipal } from "@/lib/auth/principal";
import { createLeasedCounter, type LeasedCounter } from "./leased-counter";

/**
 * The monthly generation quota of a key lineage: a UTC-month window leased out in blocks
 * (lib/api-keys/leased-counter.ts), never more than the quota across any number of
 * instances. A generation that fails before a model answered is given back — quota pays
 * for answers, not for errors.
 */
export type GenerationQuota = {
  /** Takes one generation, or throws 429; returns the function that gives it back. */
  consume(principal: ApiKeyPrincipal): Promise<() => Promise<void>>;
} & Pick<LeasedCounter, "release">;

/** One per web instance, like the rate limiter. */
export function createGenerationQuota(): GenerationQuota {
  const counter = createLeasedCounter({
    bucket: "generations",
    window: "month",
    limitOf: (p) => p.monthlyGenerationQuota,
    // Given-back generations must be seen by every instance: a spent month is asked again.
    rememberExhausted: false,
    refuse: quotaExhausted,
  });
  return {
    async consume(principal) {
      await counter.take(principal);
      return () => counter.giveBack(principal);
    },
    release: counter.release,
  };
}

let shared: GenerationQuota | undefined;

/** Takes one generation from the process's leases of the key's quota (one counter per process). */
export function consumeGenerationQuota(principal: ApiKeyPrincipal): Promise<() => Promise<void>> {
  shared ??= createGenerationQuota();
  return shared.consume(principal);
}

/** Gives the process's unspent quota leases back (the server is stopping). */
export async function releaseGenerationQuota(): Promise<void> {
  await shared?.release();
}

function quotaExhausted(principal: ApiKeyPrincipal, resetInMs: number): AppError {
  const retryAfter = Math.max(1, Math.ceil(resetInMs / 1000));
  const quota = principal.monthlyGenerationQuota;
  return new AppError(
    "rate_limited",
    `Monthly generation quota of ${quota} exhausted for this API key`,
    { reason: "monthly_generation_quota", quota, retryAfter },
    retryAfter,
  );
}
