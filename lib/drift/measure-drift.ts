import { DEFAULT_FEATURE_SCHEMA, audienceFields, type Audience } from "@/lib/personalisation/feature-schema";
import { categoricalPsi } from "./categorical-psi";
import { classifyDrift } from "./classify-drift";
import { compareRates } from "./compare-rates";
import { ksTwoSample } from "./ks-two-sample";
import { numericPsi } from "./numeric-psi";
import { DRIFT_THRESHOLDS, MIN_DRIFT_SAMPLE, type DriftStatistic, type DriftStatus } from "./thresholds";

/** What one window looked like, as sampled by load-drift-inputs. */
export interface DriftInputs {
  audiences: Audience[];
  briefs: { chars: number; words: number }[];
  /** Per check id: subjects it ran on and how many of them it failed. */
  checks: Map<string, { failed: number; total: number }>;
}

export interface DriftMeasurement {
  signal: string;
  statistic: DriftStatistic;
  value: number;
  pValue: number | null;
  threshold: number;
  status: DriftStatus;
  referenceCount: number;
  currentCount: number;
  /** The inputs of the personalisation model, so the check is filed under it. */
  personalisation: boolean;
}

export interface MeasureDriftOptions {
  reference: DriftInputs;
  current: DriftInputs;
  minSample?: number;
}

/**
 * Compares every signal the two windows have enough of. Audience features come from the
 * personalisation feature schema: a field with a vocabulary is categorical, one with bucket
 * edges numeric (binned here by the reference window's quantiles, not the model's edges, so a
 * shift inside one model bucket still shows). Signals with fewer than `minSample` observations
 * in either window are left out, not reported as "ok".
 */
export function measureDrift({
  reference,
  current,
  minSample = MIN_DRIFT_SAMPLE,
}: MeasureDriftOptions): DriftMeasurement[] {
  const out: DriftMeasurement[] = [];
  const enough = (r: number, c: number) => r >= minSample && c >= minSample;
  const add = (m: Omit<DriftMeasurement, "threshold" | "status">) =>
    out.push({ ...m, threshold: DRIFT_THRESHOLDS[m.statistic].alert, status: classifyDrift(m) });

  const counts = { referenceCount: reference.audiences.length, currentCount: current.audiences.length };
  if (enough(counts.referenceCount, counts.currentCount)) {
    for (const field of audienceFields) {
      const spec = DEFAULT_FEATURE_SCHEMA.audience[field];
      const value =
        "values" in spec
          ? categoricalPsi({
              reference: reference.audiences.map((a) => String(a[field])),
              current: current.audiences.map((a) => String(a[field])),
            }).value
          : numericPsi({
              reference: reference.audiences.map((a) => a[field] as number | null),
              current: current.audiences.map((a) => a[field] as number | null),
            }).value;
      add({
        signal: `audience.${field}`,
        statistic: "psi",
        value,
        pValue: null,
        ...counts,
        personalisation: true,
      });
    }
  }

  const briefCounts = { referenceCount: reference.briefs.length, currentCount: current.briefs.length };
  if (enough(briefCounts.referenceCount, briefCounts.currentCount)) {
    for (const measure of ["chars", "words"] as const) {
      const r = reference.briefs.map((b) => b[measure]);
      const c = current.briefs.map((b) => b[measure]);
      const signal = `brief.${measure}`;
      add({
        signal,
        statistic: "psi",
        value: numericPsi({ reference: r, current: c }).value,
        pValue: null,
        ...briefCounts,
        personalisation: false,
      });
      const ks = ksTwoSample({ reference: r, current: c });
      add({
        signal,
        statistic: "ks",
        value: ks.statistic,
        pValue: ks.pValue,
        ...briefCounts,
        personalisation: false,
      });
    }
  }

  for (const [checkId, cur] of current.checks) {
    const ref = reference.checks.get(checkId);
    if (!ref || !enough(ref.total, cur.total)) continue;
    const rates = compareRates({
      reference: { events: ref.failed, total: ref.total },
      current: { events: cur.failed, total: cur.total },
    });
    add({
      signal: `checks.${checkId}.failure_rate`,
      statistic: "psi",
      value: rates.psi,
      pValue: rates.pValue,
      referenceCount: ref.total,
      currentCount: cur.total,
      personalisation: false,
    });
  }
  return out;
}
