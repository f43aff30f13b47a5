/** Reduces per-unit (x, y) pairs to CUPED's sufficient statistics, for callers that hold rows. */
import type { CupedSums } from "./apply-cuped";

export interface CupedUnit {
  /** The unit's metric in the pre-period (0 for units new in the experiment). */
  x: number;
  y: number;
}

export function sumCupedUnits(units: readonly CupedUnit[]): CupedSums {
  const sums = { n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 };
  for (const { x, y } of units) {
    sums.n += 1;
    sums.sumX += x;
    sums.sumY += y;
    sums.sumXX += x * x;
    sums.sumYY += y * y;
    sums.sumXY += x * y;
  }
  return sums;
}
