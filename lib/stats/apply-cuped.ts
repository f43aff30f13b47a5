/**
 * CUPED (Deng, Xu, Kohavi & Walker, "Improving the Sensitivity of Online Controlled
 * Experiments by Utilizing Pre-Experiment Data", WSDM 2013): subtract from each unit's metric
 * y the part predicted by its pre-period covariate x, y − θ(x − x̄), with
 * θ = Cov(x, y) / Var(x). The adjusted means stay unbiased for the difference (x is fixed
 * before assignment, so E[x̄_c − x̄_s] = 0) and their variance falls by the factor 1 − ρ².
 *
 * θ is pooled across arms from *within-arm* co-moments, so a treatment effect on y cannot
 * leak into it through the gap between arm means. x̄ is the mean over both arms, which keeps
 * the adjusted arm means on the metric's own scale.
 *
 * The returned arms are `MeanVariance` summaries, ready for compareMeans, bayesMeans or the
 * mSPRT. (θ's own estimation error is ignored, the usual large-sample practice.)
 */
import type { MeanVariance } from "./types";

/** Per-arm sufficient statistics of (x, y) pairs; SQL can produce them in one pass. */
export interface CupedSums {
  n: number;
  sumX: number;
  sumY: number;
  sumXX: number;
  sumYY: number;
  sumXY: number;
}

export interface ApplyCupedOptions {
  candidate: CupedSums;
  stable: CupedSums;
}

export interface CupedArm extends MeanVariance {
  unadjustedMean: number;
  unadjustedVariance: number;
}

export interface CupedResult {
  theta: number;
  candidate: CupedArm;
  stable: CupedArm;
  /** 1 − Var(adjusted difference) / Var(unadjusted difference); 0 when x explains nothing. */
  varianceReduction: number;
}

function comoments({ n, sumX, sumY, sumXX, sumYY, sumXY }: CupedSums) {
  return {
    sxx: sumXX - (sumX * sumX) / n,
    syy: sumYY - (sumY * sumY) / n,
    sxy: sumXY - (sumX * sumY) / n,
  };
}

export function applyCuped({ candidate, stable }: ApplyCupedOptions): CupedResult {
  const c = comoments(candidate);
  const s = comoments(stable);
  const sxx = c.sxx + s.sxx;
  // A constant covariate predicts nothing: θ = 0 leaves the metric as it was.
  const theta = sxx > 0 ? (c.sxy + s.sxy) / sxx : 0;
  const xBar = (candidate.sumX + stable.sumX) / (candidate.n + stable.n);

  const adjust = (arm: CupedSums, m: ReturnType<typeof comoments>): CupedArm => {
    const unadjustedMean = arm.sumY / arm.n;
    const unadjustedVariance = m.syy / (arm.n - 1);
    const variance = Math.max(0, (m.syy - 2 * theta * m.sxy + theta * theta * m.sxx) / (arm.n - 1));
    return {
      n: arm.n,
      mean: unadjustedMean - theta * (arm.sumX / arm.n - xBar),
      variance,
      unadjustedMean,
      unadjustedVariance,
    };
  };
  const ca = adjust(candidate, c);
  const sa = adjust(stable, s);
  const before = ca.unadjustedVariance / ca.n + sa.unadjustedVariance / sa.n;
  const after = ca.variance / ca.n + sa.variance / sa.n;
  return { theta, candidate: ca, stable: sa, varianceReduction: before > 0 ? 1 - after / before : 0 };
}
