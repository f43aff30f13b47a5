import { z } from "zod";

export const METRIC_IDS = [
  "error_rate",
  "latency_ms",
  "tokens",
  "check_pass_rate",
  "compliance_score",
  "regeneration_rate",
  "approval_rate",
  "time_to_approval_s",
  "ctr",
  "conversion_rate",
  "value_per_exposure",
  "cost_per_approved_item",
  "preference_rate",
] as const;

export type MetricId = (typeof METRIC_IDS)[number];

const stepSchema = z.object({
  /** Percent of units on the candidate during this step. */
  weight: z.number().int().min(1).max(100),
  minSamplesPerArm: z.number().int().min(1).max(10_000_000),
  minDurationMinutes: z
    .number()
    .min(0)
    .max(60 * 24 * 90),
});

export const rolloutConfigSchema = z.object({
  /** Canary only: the traffic steps, in rising order; promotion is decided at the last. */
  steps: z.array(stepSchema).min(1).max(20).optional(),
  /** A/B only: the fixed percent of units on the candidate. */
  abWeight: z.number().int().min(1).max(99).optional(),
  /** Single-stage strategies (ab, shadow, blue_green): samples per arm before deciding. */
  minSamplesPerArm: z.number().int().min(1).max(10_000_000).default(1000),
  /** Single-stage strategies: minimum minutes before promoting. */
  minDurationMinutes: z
    .number()
    .min(0)
    .max(60 * 24 * 90)
    .default(0),
  primaryMetric: z.enum(METRIC_IDS),
  guardrails: z
    .array(z.object({ metric: z.enum(METRIC_IDS), tolerance: z.number().min(0) }))
    .max(10)
    .default([]),
  alpha: z.number().gt(0).max(0.2).default(0.05),
  /** How often the analysis job looks at this rollout. */
  intervalSeconds: z.number().int().min(10).max(86_400).default(300),
  /** Pause (for a person to decide) when the last step is inconclusive past its minimum duration. */
  pauseForHumanWhenInconclusive: z.boolean().default(false),
});

export type RolloutConfig = z.output<typeof rolloutConfigSchema>;
export type RolloutConfigInput = z.input<typeof rolloutConfigSchema>;

/** Where a metric is rolled up from (lib/rollout/metrics.ts). */
export type MetricSource = "attempts" | "revisions" | "reviews" | "events" | "preferences";

/** rollouts.watermarks: how far each source has been rolled up (bigserial ids or timestamps). */
export type Watermarks = Partial<Record<MetricSource, number | string>>;
