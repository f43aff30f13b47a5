/**
 * The estimate θ̂ = candidate − stable of one metric and its plug-in variance, the input the
 * mSPRT needs, for either kind of metric. Unpooled: under a real difference the arms'
 * variances differ (a better conversion rate has a different p(1 − p)).
 */
import { summarizeMean } from "./summarize-mean";
import type { MeanArm, ProportionArm } from "./types";

export type MetricArms =
  | { kind: "proportion"; candidate: ProportionArm; stable: ProportionArm }
  | { kind: "mean"; candidate: MeanArm; stable: MeanArm };

export interface DifferenceEstimate {
  candidateValue: number;
  stableValue: number;
  estimate: number;
  /** Variance of `estimate`. */
  variance: number;
  /** Pooled per-unit variance, the scale on which a default mixing variance is set. */
  unitVariance: number;
  candidateN: number;
  stableN: number;
}

export function estimateDifference(metric: MetricArms): DifferenceEstimate {
  let c: { n: number; mean: number; variance: number };
  let s: { n: number; mean: number; variance: number };
  if (metric.kind === "proportion") {
    const rate = ({ n, successes }: ProportionArm) => (n > 0 ? successes / n : 0);
    const pc = rate(metric.candidate);
    const ps = rate(metric.stable);
    c = { n: metric.candidate.n, mean: pc, variance: pc * (1 - pc) };
    s = { n: metric.stable.n, mean: ps, variance: ps * (1 - ps) };
  } else {
    c = summarizeMean(metric.candidate);
    s = summarizeMean(metric.stable);
  }
  const total = c.n + s.n;
  return {
    candidateValue: c.mean,
    stableValue: s.mean,
    estimate: c.mean - s.mean,
    variance: c.n > 0 && s.n > 0 ? c.variance / c.n + s.variance / s.n : NaN,
    unitVariance: total > 0 ? (c.n * c.variance + s.n * s.variance) / total : NaN,
    candidateN: c.n,
    stableN: s.n,
  };
}
