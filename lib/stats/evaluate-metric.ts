/**
 * One metric at one look: its estimate, and the mSPRT state moved forward if both arms have
 * enough units. Shared by every role (primary, guardrail, secondary) in `decide-rollout.ts`.
 *
 * Mixing variance: unless a metric sets `mixingVariance` (τ², on the scale of the difference),
 * it is fixed at the first evaluated look as (0.1 σ)², σ² the pooled per-unit variance — the
 * test is then most sensitive to effects of about a tenth of a standard deviation. It is
 * stored in the state so later looks use the same τ², which the guarantee needs.
 */
import { estimateDifference, type MetricArms } from "./estimate-difference";
import type { BayesComparison } from "./bayes-proportions";
import type { Interval } from "./types";
import { initialMsprtState, updateMsprt, type MsprtState } from "./update-msprt";

export type RolloutMetric = MetricArms & {
  id: string;
  /** false for errors, latency, cost. */
  higherIsBetter: boolean;
  /** τ² of the mSPRT; see the file comment for the default. */
  mixingVariance?: number;
};

export type GuardrailMetric = RolloutMetric & {
  /** How much worse the candidate may be, in the metric's own units (≥ 0); 0.005 = half a point of error rate. */
  tolerance: number;
};

export interface MetricState {
  msprt: MsprtState;
  mixingVariance: number;
}

export interface MetricReport {
  id: string;
  role: "primary" | "guardrail" | "secondary";
  candidateValue: number;
  stableValue: number;
  estimate: number;
  /** Always-valid (running) p-value for H₀: no difference; 1 while not yet evaluated. */
  pValue: number;
  /** Always-valid interval at this metric's level (α, or α/k for guardrails); null before the first informative look. */
  interval: Interval | null;
  evaluated: boolean;
  /** Secondary metrics only: BH-adjusted always-valid p-value. */
  adjustedPValue?: number;
  breached?: boolean;
  /** Primary only. */
  bayes?: BayesComparison;
}

const DEFAULT_STANDARDISED_MIXING_SD = 0.1;

export interface EvaluateMetricOptions {
  metric: RolloutMetric;
  role: MetricReport["role"];
  alpha: number;
  /** Below this many units in either arm the look is skipped: plug-in variances are not yet trustworthy. */
  minSamples: number;
  previous: MetricState | undefined;
}

export function evaluateMetric({ metric, role, alpha, minSamples, previous }: EvaluateMetricOptions): {
  report: MetricReport;
  state: MetricState | undefined;
} {
  const d = estimateDifference(metric);
  const base = {
    id: metric.id,
    role,
    candidateValue: d.candidateValue,
    stableValue: d.stableValue,
    estimate: d.estimate,
  };
  const mixingVariance =
    previous?.mixingVariance ?? metric.mixingVariance ?? DEFAULT_STANDARDISED_MIXING_SD ** 2 * d.unitVariance;
  const ready = Math.min(d.candidateN, d.stableN) >= minSamples && mixingVariance > 0;
  if (!ready) {
    const msprt = previous?.msprt ?? initialMsprtState;
    return {
      report: { ...base, pValue: msprt.pValue, interval: msprt.interval, evaluated: false },
      state: previous,
    };
  }
  const { state: msprt } = updateMsprt({
    estimate: d.estimate,
    variance: d.variance,
    mixingVariance,
    alpha,
    state: previous?.msprt,
  });
  return {
    report: { ...base, pValue: msprt.pValue, interval: msprt.interval, evaluated: true },
    state: { msprt, mixingVariance },
  };
}

/** Where the interval lies relative to a threshold on the oriented (positive = better) scale. */
export function side(
  interval: Interval | null,
  higherIsBetter: boolean,
  worseBeyond: number,
): "better" | "worse" | "neither" {
  if (!interval) return "neither";
  const lower = higherIsBetter ? interval.lower : -interval.upper;
  const upper = higherIsBetter ? interval.upper : -interval.lower;
  if (upper < -worseBeyond) return "worse";
  if (lower > 0) return "better";
  return "neither";
}

export const isEmpty = (i: Interval | null) => i !== null && i.lower > i.upper;
