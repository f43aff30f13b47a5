/**
 * When a statistic counts as drift. PSI's 0.1 / 0.25 are the conventional credit-scoring
 * bands (Siddiqi, "Credit Risk Scorecards", 2006): below 0.1 no meaningful shift, 0.1–0.25
 * a moderate one worth a look, above 0.25 a major one.
 *
 * KS is judged on its statistic D, not only its p-value: with thousands of rows a trivial
 * shift is "significant", so the p-value only vetoes an alert on too little data. D ≥ 0.2
 * means the two cumulative distributions are a fifth of the population apart somewhere.
 */
export const DRIFT_THRESHOLDS = {
  psi: { warn: 0.1, alert: 0.25 },
  ks: { warn: 0.1, alert: 0.2 },
} as const;

/** A KS or rate shift whose p-value is above this is noise, whatever its size. */
export const DRIFT_SIGNIFICANCE = 0.01;

/** Fewer observations than this in either window and a signal is not judged at all. */
export const MIN_DRIFT_SAMPLE = 30;

export type DriftStatistic = keyof typeof DRIFT_THRESHOLDS;
export type DriftStatus = "ok" | "warn" | "alert";
