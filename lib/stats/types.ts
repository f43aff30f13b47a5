/** The per-arm summaries every statistic here consumes. Counts, not rows: the analysis job aggregates in SQL. */

/** A binary metric (conversion, error): `successes` of `n` units. */
export interface ProportionArm {
  n: number;
  successes: number;
}

/**
 * A continuous metric as sufficient statistics, which SQL can sum in one pass. Beware
 * cancellation in `sumSquares − sum²/n` when the mean is huge next to the spread; centre
 * the metric in SQL (e.g. subtract a rough baseline) if that is the case.
 */
export interface MomentSums {
  n: number;
  sum: number;
  sumSquares: number;
}

/** A continuous metric as mean and (sample, n − 1) variance, e.g. after CUPED. */
export interface MeanVariance {
  n: number;
  mean: number;
  variance: number;
}

export type MeanArm = MomentSums | MeanVariance;

/** A two-sided interval; for a relative difference, `null` when the stable arm's value is 0. */
export interface Interval {
  lower: number;
  upper: number;
}
