/**
 * Candidate vs stable on a binary metric (frequentist, fixed horizon).
 *
 * - Absolute difference p_c − p_s with a Wald interval (unpooled standard error).
 * - Relative difference p_c / p_s − 1 with an interval from the delta method on the log
 *   ratio, Var(ln p̂) ≈ (1 − p) / (n p), exponentiated back (so it is asymmetric, as a
 *   ratio's uncertainty is). `null` when either arm has no successes: the log is undefined.
 * - A two-sided z-test p-value with the *pooled* standard error, the variance under the null
 *   p_c = p_s (the textbook two-proportion z-test, statsmodels' `proportions_ztest`). The
 *   interval and the test can therefore disagree right at the boundary; that is expected.
 *
 * Fixed-horizon numbers are only valid at one pre-planned look; the rollout job decides on
 * the always-valid mSPRT (`update-msprt.ts`) and reports these for reading.
 */
import { normalQuantile, normalSf } from "./distributions/normal";
import type { Interval, ProportionArm } from "./types";

export interface CompareProportionsOptions {
  candidate: ProportionArm;
  stable: ProportionArm;
  /** Two-sided level; the intervals have coverage 1 − alpha. Default 0.05. */
  alpha?: number;
}

export interface ProportionComparison {
  candidateRate: number;
  stableRate: number;
  absolute: { estimate: number; interval: Interval };
  relative: { estimate: number; interval: Interval } | null;
  z: number;
  pValue: number;
}

export function compareProportions({
  candidate,
  stable,
  alpha = 0.05,
}: CompareProportionsOptions): ProportionComparison {
  const pc = candidate.successes / candidate.n;
  const ps = stable.successes / stable.n;
  const zCrit = normalQuantile(1 - alpha / 2);

  const diff = pc - ps;
  const se = Math.sqrt((pc * (1 - pc)) / candidate.n + (ps * (1 - ps)) / stable.n);
  const absolute = { estimate: diff, interval: { lower: diff - zCrit * se, upper: diff + zCrit * se } };

  let relative: ProportionComparison["relative"] = null;
  if (candidate.successes > 0 && stable.successes > 0) {
    const logRatio = Math.log(pc / ps);
    const seLog = Math.sqrt((1 - pc) / candidate.successes + (1 - ps) / stable.successes);
    relative = {
      estimate: pc / ps - 1,
      interval: {
        lower: Math.exp(logRatio - zCrit * seLog) - 1,
        upper: Math.exp(logRatio + zCrit * seLog) - 1,
      },
    };
  }

  const pooled = (candidate.successes + stable.successes) / (candidate.n + stable.n);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / candidate.n + 1 / stable.n));
  // Both arms all-success or all-failure: no evidence of a difference either way.
  const z = sePooled > 0 ? diff / sePooled : 0;
  return { candidateRate: pc, stableRate: ps, absolute, relative, z, pValue: 2 * normalSf(Math.abs(z)) };
}
