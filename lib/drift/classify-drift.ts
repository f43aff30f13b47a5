import { DRIFT_SIGNIFICANCE, DRIFT_THRESHOLDS, type DriftStatistic, type DriftStatus } from "./thresholds";

export interface ClassifyDriftOptions {
  statistic: DriftStatistic;
  value: number;
  /** When the statistic has one: a shift this likely under "no change" is never more than ok. */
  pValue?: number | null;
}

/** ok, warn or alert, by the documented thresholds in thresholds.ts. */
export function classifyDrift({ statistic, value, pValue }: ClassifyDriftOptions): DriftStatus {
  if (pValue !== undefined && pValue !== null && pValue > DRIFT_SIGNIFICANCE) return "ok";
  const bands = DRIFT_THRESHOLDS[statistic];
  if (value >= bands.alert) return "alert";
  if (value >= bands.warn) return "warn";
  return "ok";
}
