import { z } from "zod";

/**
 * Absolute floors every new generation version must clear, and margins by which it may trail
 * the stable version on the same briefs and seeds. The length-fit floor sits below the others
 * because a kit's channel limit can be tighter than the sum of a starter template's slot
 * limits (the demo kit allows 90 characters on display, the banner's slots 116), so even a
 * good version misses it on some display briefs; the margin against stable still catches a
 * version that writes longer than the one it would replace.
 */
export const generationGatesSchema = z
  .object({
    minPassRate: z.number().min(0).max(1).default(0.9),
    minMeanScore: z.number().min(0).max(100).default(80),
    maxP95LatencyMs: z.number().int().positive().default(5000),
    minLengthFit: z.number().min(0).max(1).default(0.75),
    passRateMargin: z.number().min(0).max(1).default(0.02),
    meanScoreMargin: z.number().min(0).max(100).default(3),
    lengthFitMargin: z.number().min(0).max(1).default(0.05),
    /** p95 may grow to this multiple of stable's, plus `latencySlackMs` (loopback timings are noisy). */
    p95LatencyRatio: z.number().min(1).default(2),
    latencySlackMs: z.number().int().min(0).default(250),
  })
  .strict();

/** A retrained personalisation version against stable's scores on the same holdout. */
export const personalisationGatesSchema = z
  .object({
    minAuc: z.number().min(0).max(1).default(0.55),
    aucMargin: z.number().min(0).max(1).default(0.01),
    logLossMargin: z.number().min(0).default(0.01),
  })
  .strict();

export const modelPolicySchema = z
  .object({
    gates: generationGatesSchema.prefault({}),
    personalisationGates: personalisationGatesSchema.prefault({}),
    /** Start a canary by itself when a version passes; otherwise an admin starts the rollout. */
    autoCanary: z.boolean().default(false),
    /** Percent of units the canary gets at first. */
    canaryWeight: z.number().int().min(1).max(50).default(5),
    /**
     * Retrain a personalisation model when its newest version is this old (checked hourly by
     * `personalisation.retrain-due.v1`); null: on demand only.
     */
    retrainEveryHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .nullable()
      .default(null),
    /** How many days of events a scheduled retraining reads. */
    retrainWindowDays: z.number().int().min(1).max(365).default(30),
  })
  .strict();

export type ModelPolicy = z.output<typeof modelPolicySchema>;
export type ModelPolicyInput = z.input<typeof modelPolicySchema>;
export type GenerationGates = z.output<typeof generationGatesSchema>;
export type PersonalisationGates = z.output<typeof personalisationGatesSchema>;
