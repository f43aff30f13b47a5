import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import {
  models,
  rolloutDecisions,
  rolloutMetricRollups,
  rollouts,
  users,
  type RolloutDecisionRow,
} from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { comparableLooks } from "./comparable-looks";
import { displayBand } from "./display-band";
import { currentWeight, type RolloutSummary } from "./list-rollouts";
import { histogramPercentile, METRICS, type MetricId } from "./metrics";
import { rolloutConfigSchema, type RolloutConfig } from "./rollout-config";

export const getRolloutInput = z.object({ rolloutId: z.uuid() });

export interface ArmPoint {
  /** Cumulative units up to and including this bucket. */
  n: number;
  /** Cumulative value (rate or mean); null before any unit. */
  value: number | null;
  /** Fixed-n 95% normal band for `value`, for display only: decisions use the always-valid intervals in `looks`. */
  lower: number | null;
  upper: number | null;
  /** latency_ms only: this bucket's percentiles from its histogram. */
  p50?: number | null;
  p95?: number | null;
}

export interface MetricSeries {
  metric: MetricId;
  label: string;
  kind: "proportion" | "mean";
  higherIsBetter: boolean;
  points: { bucketStart: Date; stable: ArmPoint; candidate: ArmPoint }[];
  /**
   * Candidate − stable at each analysis look, with its always-valid interval, from the first
   * look at which both arms had units (before it the difference is an empty arm's 0 minus the other).
   */
  looks: { at: Date; estimate: number; lower: number | null; upper: number | null; pValue: number }[];
}

/** A decision with the name of the person who took it (null for the job and the system). */
export type RolloutDecisionView = RolloutDecisionRow & { decidedByName: string | null };

export interface RolloutDetail {
  rollout: RolloutSummary & { parsedConfig: RolloutConfig };
  decisions: RolloutDecisionView[];
  series: MetricSeries[];
}

/** One rollout with its decision log and per-metric time series, read from rollups only. */
export async function getRollout(
  principal: Principal | null,
  raw: z.input<typeof getRolloutInput>,
): Promise<RolloutDetail> {
  const { rolloutId } = parseOrThrow(getRolloutInput, raw);
  const [row] = await db()
    .select({ rollout: rollouts, modelName: models.name })
    .from(rollouts)
    .innerJoin(models, eq(models.id, rollouts.modelId))
    .where(eq(rollouts.id, rolloutId));
  if (!row) throw new AppError("not_found", "No such rollout");
  authorize(principal, "rollouts:manage", row.rollout.brandId);
  const r = row.rollout;
  // decided_by is `user:<id>` for a person: joined on that text so the log names them.
  const decisions = (
    await db()
      .select({ decision: rolloutDecisions, decidedByName: users.name })
      .from(rolloutDecisions)
      .leftJoin(users, sql`${rolloutDecisions.decidedBy} = 'user:' || ${users.id}::text`)
      .where(eq(rolloutDecisions.rolloutId, r.id))
      .orderBy(asc(rolloutDecisions.at), asc(rolloutDecisions.id))
  ).map((d) => ({ ...d.decision, decidedByName: d.decidedByName }));
  const rollups = await db()
    .select()
    .from(rolloutMetricRollups)
    .where(eq(rolloutMetricRollups.rolloutId, r.id))
    .orderBy(asc(rolloutMetricRollups.bucketStart));

  const series: MetricSeries[] = [];
  for (const def of Object.values(METRICS)) {
    const rows = rollups.filter((x) => x.metric === def.id);
    if (rows.length === 0) continue;
    const buckets = [...new Set(rows.map((x) => x.bucketStart.getTime()))].sort((a, b) => a - b);
    const acc = { stable: { n: 0, sum: 0, sq: 0 }, candidate: { n: 0, sum: 0, sq: 0 } };
    const points = buckets.map((t) => {
      const point = (arm: "stable" | "candidate"): ArmPoint => {
        const versionId = arm === "stable" ? r.stableVersionId : r.candidateVersionId;
        const b = rows.find((x) => x.bucketStart.getTime() === t && x.versionId === versionId);
        const a = acc[arm];
        if (b) {
          a.n += b.n;
          a.sum += b.sum;
          a.sq += b.sumSquares;
        }
        const extra =
          def.id === "latency_ms"
            ? {
                p50: histogramPercentile(b?.histogram ?? [], 0.5),
                p95: histogramPercentile(b?.histogram ?? [], 0.95),
              }
            : {};
        if (a.n === 0) return { n: 0, value: null, lower: null, upper: null, ...extra };
        const value = def.kind === "proportion" ? Math.min(1, a.sum / a.n) : a.sum / a.n;
        const variance =
          def.kind === "proportion"
            ? value * (1 - value)
            : Math.max(0, (a.sq - a.n * value * value) / Math.max(1, a.n - 1));
        const half = 1.96 * Math.sqrt(variance / a.n);
        return { n: a.n, value, ...displayBand(def.kind, value, half), ...extra };
      };
      return { bucketStart: new Date(t), stable: point("stable"), candidate: point("candidate") };
    });
    // A difference of two rates lies in [−1, 1]; an always-valid interval early on is wider.
    const diffBound = def.kind === "proportion" ? 1 : Infinity;
    const clampDiff = (v: number | undefined) =>
      v === undefined ? null : Math.min(diffBound, Math.max(-diffBound, v));
    const looks = comparableLooks(
      decisions.flatMap((d) => {
        const report = (d.metrics.reports ?? []).find((m) => m.id === def.id);
        return report ? [{ d, report, units: d.metrics.units }] : [];
      }),
    ).map(({ d, report }) => ({
      at: d.at,
      estimate: report.estimate,
      lower: clampDiff(report.interval?.lower),
      upper: clampDiff(report.interval?.upper),
      pValue: report.pValue,
    }));
    series.push({
      metric: def.id,
      label: def.label,
      kind: def.kind,
      higherIsBetter: def.higherIsBetter,
      points,
      looks,
    });
  }
  return {
    rollout: {
      ...r,
      modelName: row.modelName,
      candidateWeight: currentWeight(r),
      parsedConfig: rolloutConfigSchema.parse(r.config),
    },
    decisions,
    series,
  };
}
