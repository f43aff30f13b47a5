/**
 * Candidate vs stable on a continuous metric (frequentist, fixed horizon), from sufficient
 * statistics or mean/variance summaries.
 *
 * - Absolute difference of means with Welch's t interval and two-sided p-value (unequal
 *   variances, Welch–Satterthwaite df). With thousands of units per arm the t is the
 *   normal to four digits; using t keeps small pilots honest for free.
 * - Relative difference m_c / m_s − 1 by the delta method on the log ratio,
 *   Var(ln m̂) ≈ s² / (n m²), with normal quantiles; `null` unless both means are positive
 *   (a ratio of means of a metric that crosses 0 means nothing).
 */
import { normalQuantile } from "./distributions/normal";
import { studentTCdf, studentTQuantile } from "./distributions/student-t";
import { summarizeMean } from "./summarize-mean";
import type { Interval, MeanArm } from "./types";

export interface CompareMeansOptions {
  candidate: MeanArm;
  stable: MeanArm;
  /** Two-sided level; the intervals have coverage 1 − alpha. Default 0.05. */
  alpha?: number;
}

export interface MeanComparison {
  candidateMean: number;
  stableMean: number;
  absolute: { estimate: number; interval: Interval };
  relative: { estimate: number; interval: Interval } | null;
  t: number;
  df: number;
  pValue: number;
}

export function compareMeans({ candidate, stable, alpha = 0.05 }: CompareMeansOptions): MeanComparison {
  const c = summarizeMean(candidate);
  const s = summarizeMean(stable);
  const vc = c.variance / c.n;
  const vs = s.variance / s.n;
  const se = Math.sqrt(vc + vs);
  const diff = c.mean - s.mean;
  // Welch–Satterthwaite; Infinity (the normal) when both variances vanish.
  const df = se > 0 ? (vc + vs) ** 2 / (vc ** 2 / (c.n - 1) + vs ** 2 / (s.n - 1)) : Infinity;
  const tCrit = studentTQuantile(1 - alpha / 2, df);
  const t = se > 0 ? diff / se : 0;

  let relative: MeanComparison["relative"] = null;
  if (c.mean > 0 && s.mean > 0) {
    const zCrit = normalQuantile(1 - alpha / 2);
    const logRatio = Math.log(c.mean / s.mean);
    const seLog = Math.sqrt(vc / c.mean ** 2 + vs / s.mean ** 2);
    relative = {
      estimate: c.mean / s.mean - 1,
      interval: {
        lower: Math.exp(logRatio - zCrit * seLog) - 1,
        upper: Math.exp(logRatio + zCrit * seLog) - 1,
      },
    };
  }

  return {
    candidateMean: c.mean,
    stableMean: s.mean,
    absolute: { estimate: diff, interval: { lower: diff - tCrit * se, upper: diff + tCrit * se } },
    relative,
    t,
    df,
    pValue: 2 * studentTCdf(-Math.abs(t), df),
  };
}
