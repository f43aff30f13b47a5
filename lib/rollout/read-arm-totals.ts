import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { rolloutMetricRollups } from "@/db/schema";
import { METRICS, type MetricId } from "./metrics";
import type { RolloutMetric } from "./decide-rollout";

export interface Totals {
  n: number;
  sum: number;
  sumSquares: number;
  histogram: number[] | null;
}

export type ArmTotals = Record<"stable" | "candidate", Partial<Record<MetricId, Totals>>>;

/** Cumulative totals per arm and metric, summed over the rollout's buckets. */
export async function readArmTotals(
  tx: Executor,
  rollout: { id: string; stableVersionId: string; candidateVersionId: string },
): Promise<ArmTotals> {
  const rows = await tx
    .select({
      versionId: rolloutMetricRollups.versionId,
      metric: rolloutMetricRollups.metric,
      n: sql<number>`sum(${rolloutMetricRollups.n})::float8`,
      sum: sql<number>`sum(${rolloutMetricRollups.sum})::float8`,
      sumSquares: sql<number>`sum(${rolloutMetricRollups.sumSquares})::float8`,
    })
    .from(rolloutMetricRollups)
    .where(and(eq(rolloutMetricRollups.rolloutId, rollout.id)))
    .groupBy(rolloutMetricRollups.versionId, rolloutMetricRollups.metric);
  const hist = await tx
    .select({
      versionId: rolloutMetricRollups.versionId,
      histogram: rolloutMetricRollups.histogram,
    })
    .from(rolloutMetricRollups)
    .where(
      and(eq(rolloutMetricRollups.rolloutId, rollout.id), eq(rolloutMetricRollups.metric, "latency_ms")),
    );
  const totals: ArmTotals = { stable: {}, candidate: {} };
  for (const r of rows) {
    const arm = r.versionId === rollout.candidateVersionId ? "candidate" : "stable";
    totals[arm][r.metric as MetricId] = {
      n: Number(r.n),
      sum: Number(r.sum),
      sumSquares: Number(r.sumSquares),
      histogram: null,
    };
  }
  for (const h of hist) {
    const arm = h.versionId === rollout.candidateVersionId ? "candidate" : "stable";
    const t = totals[arm].latency_ms;
    if (!t || !h.histogram) continue;
    t.histogram = h.histogram.map((c, i) => c + (t.histogram?.[i] ?? 0));
  }
  return totals;
}

const EMPTY: Totals = { n: 0, sum: 0, sumSquares: 0, histogram: null };

/**
 * τ² for preference_rate, on the scale of candidate − stable (2p − 1). Judgments are scarce
 * (people, not requests) and only large swings are worth acting on, so the mixture is centred
 * on a swing of 0.3 — about 35% against 65% — rather than the default tenth of a standard
 * deviation, which would need thousands of comparisons. Any τ² > 0 keeps the error guarantee.
 */
export const PREFERENCE_MIXING_VARIANCE = 0.3 ** 2;

/** The statistics library's view of one metric. Proportions cap successes at n (see metrics.ts). */
export function toRolloutMetric(id: MetricId, totals: ArmTotals): RolloutMetric {
  const def = METRICS[id];
  const c = totals.candidate[id] ?? EMPTY;
  const s = totals.stable[id] ?? EMPTY;
  if (def.source === "preferences") {
    // Both arms hold the same judgments (metrics.ts); the candidate's side is the sample.
    return {
      id,
      kind: "preference",
      higherIsBetter: def.higherIsBetter,
      judgments: { n: c.n, sum: c.sum, sumSquares: c.sumSquares },
      mixingVariance: PREFERENCE_MIXING_VARIANCE,
    };
  }
  if (def.kind === "proportion") {
    return {
      id,
      kind: "proportion",
      higherIsBetter: def.higherIsBetter,
      candidate: { n: c.n, successes: Math.min(c.sum, c.n) },
      stable: { n: s.n, successes: Math.min(s.sum, s.n) },
    };
  }
  return {
    id,
    kind: "mean",
    higherIsBetter: def.higherIsBetter,
    candidate: { n: c.n, sum: c.sum, sumSquares: c.sumSquares },
    stable: { n: s.n, sum: s.sum, sumSquares: s.sumSquares },
  };
}
