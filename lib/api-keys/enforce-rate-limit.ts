import { AppError } from "@/lib/errors";
import type { ApiKeyPrincipal } from "@/lib/auth/principal";
import { createLeasedCounter, leaseBlockSize, type LeasedCounter } from "./leased-counter";

/*
 * The per-key rate limit: a fixed one-minute window in Postgres, leased out in blocks
 * (lib/api-keys/leased-counter.ts has the design and its bounds). A fixed window admits up
 * to 2× the limit across a minute boundary; a sliding log would be exact but writes and
 * scans far more. Old windows are pruned by `maintenance.prune-api-records.v1`.
 */

export const rateBlockSize = leaseBlockSize;

export type RateLimiter = ((principal: ApiKeyPrincipal) => Promise<void>) & Pick<LeasedCounter, "release">;

/** One per web instance (its leases are that instance's share of each key's window). */
export function createRateLimiter(): RateLimiter {
  const counter = createLeasedCounter({
    bucket: "rate",
    window: "minute",
    limitOf: (p) => p.rateLimitPerMinute,
    rememberExhausted: true,
    refuse: rateLimited,
  });
  return Object.assign((principal: ApiKeyPrincipal) => counter.take(principal), { release: counter.release });
}

function rateLimited(principal: ApiKeyPrincipal, resetInMs: number): AppError {
  const retryAfter = Math.max(1, Math.ceil(resetInMs / 1000));
  return new AppError(
    "rate_limited",
    `Rate limit of ${principal.rateLimitPerMinute} requests per minute exceeded for this API key`,
    { limit: principal.rateLimitPerMinute, window: "minute", retryAfter },
    retryAfter,
  );
}
