/**
 * Every metric a rollout can read, per model version, and exactly where it comes from. The
 * analysis job rolls these up incrementally (roll-up-metrics.ts) into rollout_metric_rollups
 * as (n, sum, sumSquares) per time bucket; a proportion stores successes in `sum`.
 *
 * Sources and their approximations:
 * - `attempts` (generation_attempts, primary leg; shadow calls are recorded as the primary leg
 *   of a `<request>:shadow` request, so shadow mode is measured too):
 *   - error_rate: of first attempts (attempt = 1), the share whose outcome is not `ok` — the
 *     unit is one request to the version. Retries are not counted again.
 *   - latency_ms: mean latency of `ok` attempts; p50/p95 come from a fixed-bucket histogram
 *     (LATENCY_BOUNDS_MS), so a percentile is known to within its bucket (linear inside it).
 *   - tokens: mean tokens in + out of `ok` attempts.
 * - `revisions` (content_revisions written by the version, i.e. `model_version_id`):
 *   - check_pass_rate: share of first revisions (number = 1) that the output checks did not block.
 *   - compliance_score: mean check score of those revisions.
 *   - regeneration_rate: share of them whose generation needed more than one round
 *     (jsonb_array_length(generations.rounds) > 1).
 * - `reviews` (review_decisions on revisions written by the version):
 *   - approval_rate: `published` over `published` + `rejected` + `changes_requested`.
 *   - time_to_approval_s: mean seconds from the revision's creation to `published`.
 *   - cost_per_approved_item: mean US dollars per published item — what the generation that
 *     wrote it cost, every round and leg included (generation_attempts.cost_micro_usd of its
 *     requests `gen-<generation>-r<round>`), at the versions' prices. Counted when published.
 *     Rejected items' cost is not spread over the approved ones (approval_rate covers them).
 *     A guardrail on it holds back a candidate that costs much more per usable item: its
 *     tolerance is in dollars (candidate − stable).
 * - `events` (exposures, clicks, conversions), joined to a version by (unit, content):
 *   for a generation model through the content's current revision (`model_version_id`), for a
 *   personalisation model through the unit's placement assignment (`model_version_id`). The
 *   current revision / current assignment is used, so content re-edited by hand or a unit
 *   reassigned later is attributed by its present state. Outcomes count in the bucket they
 *   happened in, not their exposure's.
 *   - ctr: clicks per exposure (capped at 1 when read); conversion_rate: conversions per
 *     exposure (capped); value_per_exposure: conversion value per exposure, whose sumSquares
 *     assumes at most one conversion per exposure.
 * - `preferences` (shadow_preferences: reviewers' blind comparisons of a shadow output with the
 *   answer stable served to the same request, lib/review/blind), by creation time:
 *   - preference_rate: the share of comparisons in which the candidate was preferred, a tie
 *     counting half. Ties count rather than being dropped: dropping them reads "the same in 18
 *     of 20, better in 2" as a 100% preference, and shrinks n to the few comparisons that
 *     differ; counted half, parity stays at 50% and "the same" pulls the rate towards it.
 *     Rolled up as both arms of the same judgments (candidate: scores 1/½/0; stable: 1 − score),
 *     so the arms' units match for the sample-ratio check, and read by the analysis as one
 *     paired sample (lib/stats estimate-difference, kind `preference`): the estimate is
 *     candidate − stable = 2p − 1, so a guardrail tolerance of 0.1 allows p down to 45%.
 *
 * Units for the sample-ratio check are the primary metric's `n`: requests, first revisions,
 * review outcomes or exposures. Counting requests or exposures rather than distinct units
 * assumes units of both arms behave alike in how often they come back.
 */
export type { MetricSource } from "@/db/schema/json/rollout-config";

export interface MetricDefinition {
  id: MetricId;
  label: string;
  kind: "proportion" | "mean";
  higherIsBetter: boolean;
  source: MetricSource;
  group: "governance" | "operations" | "outcomes";
}

// The ids live in db with the rollout config schema (rollouts.config is typed by it).
import { METRIC_IDS, type MetricId, type MetricSource } from "@/db/schema/json/rollout-config";
export { METRIC_IDS, type MetricId };

const def = (
  id: MetricId,
  label: string,
  kind: MetricDefinition["kind"],
  higherIsBetter: boolean,
  source: MetricSource,
  group: MetricDefinition["group"],
): MetricDefinition => ({ id, label, kind, higherIsBetter, source, group });

export const METRICS: Record<MetricId, MetricDefinition> = {
  error_rate: def("error_rate", "Error rate", "proportion", false, "attempts", "operations"),
  latency_ms: def("latency_ms", "Latency (ms)", "mean", false, "attempts", "operations"),
  tokens: def("tokens", "Tokens per call", "mean", false, "attempts", "operations"),
  check_pass_rate: def(
    "check_pass_rate",
    "First-pass check pass rate",
    "proportion",
    true,
    "revisions",
    "governance",
  ),
  compliance_score: def("compliance_score", "Mean compliance score", "mean", true, "revisions", "governance"),
  regeneration_rate: def(
    "regeneration_rate",
    "Regeneration rate",
    "proportion",
    false,
    "revisions",
    "governance",
  ),
  approval_rate: def("approval_rate", "Reviewer approval rate", "proportion", true, "reviews", "governance"),
  time_to_approval_s: def(
    "time_to_approval_s",
    "Time to approval (s)",
    "mean",
    false,
    "reviews",
    "governance",
  ),
  ctr: def("ctr", "Click-through rate", "proportion", true, "events", "outcomes"),
  conversion_rate: def("conversion_rate", "Conversion rate", "proportion", true, "events", "outcomes"),
  value_per_exposure: def("value_per_exposure", "Value per exposure", "mean", true, "events", "outcomes"),
  cost_per_approved_item: def(
    "cost_per_approved_item",
    "Cost per approved item (USD)",
    "mean",
    false,
    "reviews",
    "operations",
  ),
  preference_rate: def(
    "preference_rate",
    "Reviewer preference (blind)",
    "proportion",
    true,
    "preferences",
    "governance",
  ),
};

/** Upper bounds (ms) of the latency histogram's buckets; the last bucket is open-ended. */
export const LATENCY_BOUNDS_MS = [
  25, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10000, 20000, 30000, 60000,
] as const;

/** A percentile (0–1) from histogram counts, linear within the bucket it falls in. */
export function histogramPercentile(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const target = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] ?? 0;
    if (seen + c >= target && c > 0) {
      const lower = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1]!;
      const upper = LATENCY_BOUNDS_MS[i] ?? lower * 2;
      return lower + ((target - seen) / c) * (upper - lower);
    }
    seen += c;
  }
  return LATENCY_BOUNDS_MS.at(-1)!;
}
