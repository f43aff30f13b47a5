/** Chi-square upper tail, the p-value of a goodness-of-fit statistic. */
import { gammaQ } from "./incomplete-gamma";

/** P(X ≥ statistic) for X ~ χ²(df). */
export function chiSquareSf(statistic: number, df: number): number {
  return gammaQ(df / 2, statistic / 2);
}
