/**
 * The estimate θ̂ = candidate − stable of one metric and its plug-in variance, the input the
 * mSPRT needs, for either kind of metric. Unpooled: under a real difference the arms'
 * variances differ (a better conversion rate has a different p(1 − p)).
 */
import { summarizeMean } from "./summarize-mean";
import type { MeanArm, MomentSums, ProportionArm } from "./types";

export type MetricArms =
  | { kind: "proportion"; candidate: ProportionArm; stable: ProportionArm }
  | { kind: "mean"; candidate: MeanArm; stable: MeanArm }
  /**
   * Paired judgments of the candidate against stable on the same unit (blind comparisons),
   * each scored 1 (candidate preferred), ½ (no difference) or 0 (stable preferred), as sums.
   * The candidate's value is the preference rate p; stable's is 1 − p, so the estimate
   * candidate − stable is 2p − 1 (0 at parity) like every other metric's. The variance is
   * the one-sample variance of the scores, not two independent arms': the arms are the same
   * judgments seen from both sides, and treating them as independent would halve it.
   */
  | { kind: "preference"; judgments: MomentSums };

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
  if (metric.kind === "preference") {
    const j = summarizeMean(metric.judgments);
    // The variance as if one judgment each way (0 and 1) were added: a unanimous panel would
    // otherwise read as zero variance, and the mSPRT skips such looks — a candidate every
    // reviewer found worse would never be held back. Negligible once judgments are many.
    const { n, sum, sumSquares } = metric.judgments;
    const padded = n > 0 ? (sumSquares + 1 - (sum + 1) ** 2 / (n + 2)) / (n + 1) : 0;
    // d = 2s − 1 per judgment: Var(d) = 4 Var(s).
    const unitVariance = 4 * Math.max(j.variance, padded);
    // No judgments yet reads as parity, not as a candidate nobody preferred.
    const p = n > 0 ? j.mean : 0.5;
    return {
      candidateValue: p,
      stableValue: 1 - p,
      estimate: 2 * p - 1,
      variance: n > 0 ? unitVariance / n : NaN,
      unitVariance: n > 0 ? unitVariance : NaN,
      candidateN: j.n,
      stableN: j.n,
    };
  }
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
