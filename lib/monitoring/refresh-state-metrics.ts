import { logger } from "@/lib/log";
import { stateReadErrors } from "@/lib/metrics/scrape";
import { readBudgetState } from "./read-budget-state";
import { readJobState } from "./read-job-state";
import { readReviewState } from "./read-review-state";
import { readRolloutState } from "./read-rollout-state";
import { readWebhookState } from "./read-webhook-state";

/** Scrapes within this long of the last read reuse it: a scrape storm costs one read. */
export const STATE_CACHE_MS = 5_000;

let last = 0;
let inFlight: Promise<void> | null = null;

/**
 * Brings the database-state gauges up to date, at most once per STATE_CACHE_MS, with
 * concurrent scrapes sharing one read. A failed read (the database is down) is logged and
 * counted; the scrape still answers, with the process metrics and the previous values.
 */
export function refreshStateMetrics(now = Date.now()): Promise<void> {
  if (inFlight) return inFlight;
  if (now - last < STATE_CACHE_MS) return Promise.resolve();
  inFlight = Promise.all([
    readJobState(),
    readReviewState(),
    readRolloutState(),
    readWebhookState(),
    readBudgetState(),
  ])
    .then(() => {
      last = Date.now();
    })
    .catch((err: unknown) => {
      stateReadErrors.inc();
      logger().warn({ err }, "could not read the state metrics");
    })
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

/** Forgets the last read, so the next scrape reads again (tests). */
export function expireStateMetrics(): void {
  last = 0;
}
