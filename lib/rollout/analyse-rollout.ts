/**
 * One look at one rollout: roll up what arrived since the last look, compare the arms with
 * the statistics library (stats/decide-rollout.ts) and apply its decision.
 *
 * - abort → route back to stable at once, rollout aborted;
 * - advance → the next canary step's weight, but only once the current step has run its
 *   minimum duration (until then it is recorded as a hold);
 * - promote → candidate becomes stable (also after the final step's minimum duration);
 * - hold → nothing; or, when configured, pause for a person once the final step is still
 *   inconclusive past its minimum duration;
 * - blocked (sample-ratio mismatch) → a warning decision; weights, step and evidence stay.
 *
 * A look happens at most once per `intervalSeconds`, under the rollout's row lock, so the job
 * running twice for the same moment changes nothing the second time. The sample-ratio check
 * reads the units of the current step only (buckets starting at or after the step began),
 * since weights differ between steps; the metrics are cumulative over the rollout.
 * Blue-green has no concurrent control arm, so it is never decided automatically.
 */
import { and, eq, gte, sql } from "drizzle-orm";
import { rolloutMetricRollups, rollouts } from "@/db/schema";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authorizeJob } from "@/lib/jobs/authorize-job";
import type { PrincipalRef } from "@/lib/auth/principal";
import { endRollout } from "./end-rollout";
import { lockRollout, type LoadedRollout } from "./load-rollout";
import { histogramPercentile, METRICS, type MetricId, type MetricSource } from "./metrics";
import { readArmTotals, toRolloutMetric, type ArmTotals } from "./read-arm-totals";
import { rollUpMetrics } from "./roll-up-metrics";
import { recordDecision } from "./record-decision";
import { setRolloutPaused } from "./set-rollout-paused";
import { routeOf, stageOf } from "./stage";
import { decideRollout, type DecisionReason } from "./decide-rollout";
import type { Executor } from "@/db/client";
import { writeRoute } from "./write-route";

export interface AnalyseRolloutOptions {
  actor: PrincipalRef;
  rolloutId: string;
  /** The moment of the look; defaults to the clock. Tests advance it by hand. */
  now?: Date;
}

export type AnalyseRolloutResult =
  | { looked: false; reason: "not_active" | "not_due" }
  | { looked: true; decision: "hold" | "advance" | "promote" | "abort" | "blocked" | "pause" };

export async function analyseRollout(o: AnalyseRolloutOptions): Promise<AnalyseRolloutResult> {
  await authorizeJob(o.actor, o.actor.kind === "system" ? "system" : "rollouts:manage");
  const now = o.now ?? new Date();
  return db().transaction(async (tx) => {
    const r = await lockRollout(tx, o.rolloutId);
    if (o.actor.kind !== "system" && r.brandId !== o.actor.brandId)
      throw new AppError("forbidden", "This rollout belongs to another brand");
    if (r.status !== "active") return { looked: false, reason: "not_active" } as const;
    const config = r.parsedConfig;
    if (r.lastLookAt && now.getTime() - r.lastLookAt.getTime() < config.intervalSeconds * 1000)
      return { looked: false, reason: "not_due" } as const;

    const watermarks = await rollUpMetrics(tx, {
      rollout: { ...r, intervalSeconds: config.intervalSeconds },
      modelKind: r.modelKind,
      now,
    });
    const totals = await readArmTotals(tx, r);
    const stage = stageOf(r, config);
    const stepUnits = await unitsSince(tx, r, unitCountMetric(config.primaryMetric), r.stepStartedAt);
    const result = decideRollout({
      arms: {
        candidate: { units: stepUnits.candidate, weight: stage.weight },
        stable: { units: stepUnits.stable, weight: 100 - stage.weight },
      },
      primary: toRolloutMetric(config.primaryMetric, totals),
      guardrails: config.guardrails.map((g) => ({
        ...toRolloutMetric(g.metric, totals),
        tolerance: g.tolerance,
      })),
      alpha: config.alpha,
      minSamplesPerArm: stage.minSamplesPerArm,
      finalStage: stage.final,
      state: r.state,
    });
    await tx
      .update(rollouts)
      .set({ state: result.state, watermarks, lastLookAt: now })
      .where(eq(rollouts.id, r.id));

    const snapshot = {
      units: {
        candidate: totals.candidate[config.primaryMetric]?.n ?? 0,
        stable: totals.stable[config.primaryMetric]?.n ?? 0,
      },
      stepUnits,
      sampleRatio: result.sampleRatio,
      reports: result.metrics,
      latency: latencyPercentiles(totals),
    };
    const reasons: DecisionReason[] = [...result.reasons];
    const elapsedMin = (now.getTime() - r.stepStartedAt.getTime()) / 60_000;
    const durationMet = elapsedMin >= stage.minDurationMinutes;
    let decision = result.decision;
    if (r.strategy === "blue_green" && decision !== "abort" && decision !== "blocked") {
      reasons.push({
        code: "inconclusive",
        message: "Blue-green has no concurrent control: promote or abort by hand.",
      });
      decision = "hold";
    }
    if ((decision === "advance" || decision === "promote") && !durationMet) {
      reasons.push({
        code: "not_enough_samples",
        message: `Step ${r.currentStep + 1} has run ${elapsedMin.toFixed(1)} of its ${stage.minDurationMinutes} minutes.`,
      });
      decision = "hold";
    }
    // "Analyse now" is a person's look: the log says who asked, though the statistics decided.
    const decidedBy = o.actor.kind === "user" ? `user:${o.actor.userId}` : "job";
    const base = { at: now, decidedBy, metrics: snapshot };
    const locked: LoadedRollout = { ...r, state: result.state, watermarks, lastLookAt: now };

    if (decision === "abort" || decision === "promote") {
      await endRollout(tx, { ...base, rollout: locked, outcome: decision, reasons });
      return { looked: true, decision } as const;
    }
    if (decision === "advance") {
      const next = { ...locked, currentStep: r.currentStep + 1 };
      const route = routeOf(next, config);
      await tx
        .update(rollouts)
        .set({ currentStep: next.currentStep, stepStartedAt: now })
        .where(eq(rollouts.id, r.id));
      await writeRoute(tx, { modelId: r.modelId, ...route, salt: r.id });
      await recordDecision(tx, {
        ...base,
        rollout: r,
        decision: "advance",
        step: { before: r.currentStep, after: next.currentStep },
        weight: { before: stage.weight, after: route.candidateWeight },
        reasons,
      });
      return { looked: true, decision } as const;
    }
    const inconclusive = reasons.some((x) => x.code === "inconclusive");
    if (
      decision === "hold" &&
      config.pauseForHumanWhenInconclusive &&
      stage.final &&
      inconclusive &&
      durationMet
    ) {
      await setRolloutPaused(tx, { ...base, rollout: locked, paused: true, reasons });
      return { looked: true, decision: "pause" } as const;
    }
    await recordDecision(tx, {
      ...base,
      rollout: r,
      decision,
      step: { before: r.currentStep, after: r.currentStep },
      weight: { before: stage.weight, after: stage.weight },
      reasons,
    });
    return { looked: true, decision } as const;
  });
}

/**
 * The metric whose n counts every unit of the primary's source whatever its outcome — the
 * sample-ratio check's count. The primary's own n may depend on the arm's behaviour
 * (latency and tokens count successful calls only, time to approval approved items only),
 * and a candidate that fails more would then look under-assigned: the mismatch would block
 * the very abort its failures call for.
 */
function unitCountMetric(primary: MetricId): MetricId {
  const bySource: Record<MetricSource, MetricId> = {
    attempts: "error_rate",
    events: "ctr",
    revisions: "check_pass_rate",
    reviews: "approval_rate",
    preferences: "preference_rate",
  };
  return bySource[METRICS[primary].source];
}

/** Units (a metric's n) per arm in buckets starting at or after `since`. */
async function unitsSince(tx: Executor, r: LoadedRollout, metric: string, since: Date) {
  const rows = await tx
    .select({
      versionId: rolloutMetricRollups.versionId,
      n: sql<number>`sum(${rolloutMetricRollups.n})::float8`,
    })
    .from(rolloutMetricRollups)
    .where(
      and(
        eq(rolloutMetricRollups.rolloutId, r.id),
        eq(rolloutMetricRollups.metric, metric),
        gte(rolloutMetricRollups.bucketStart, since),
      ),
    )
    .groupBy(rolloutMetricRollups.versionId);
  const of = (v: string) => Number(rows.find((x) => x.versionId === v)?.n ?? 0);
  return { candidate: of(r.candidateVersionId), stable: of(r.stableVersionId) };
}

function latencyPercentiles(totals: ArmTotals) {
  const of = (arm: "candidate" | "stable") => {
    const h = totals[arm].latency_ms?.histogram ?? [];
    return { p50: histogramPercentile(h, 0.5), p95: histogramPercentile(h, 0.95) };
  };
  return { candidate: of("candidate"), stable: of("stable") };
}
