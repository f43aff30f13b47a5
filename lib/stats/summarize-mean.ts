/** Normalises either form of a continuous metric's summary to mean and sample variance. */
import type { MeanArm, MeanVariance } from "./types";

export function summarizeMean(arm: MeanArm): MeanVariance {
  if ("mean" in arm) return arm;
  const { n, sum, sumSquares } = arm;
  const mean = n > 0 ? sum / n : 0;
  // Clamped at 0: rounding can make a constant metric's variance a tiny negative number.
  const variance = n > 1 ? Math.max(0, (sumSquares - sum * mean) / (n - 1)) : 0;
  return { n, mean, variance };
}
