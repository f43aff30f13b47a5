/**
 * The rollout analysis job's decision at one look, from cumulative per-arm summaries.
 *
 * Decision rule, in order (the first that applies wins):
 *
 * 1. `blocked` — the units per arm do not fit the configured weights (sample-ratio mismatch,
 *    chi-square p < srmThreshold, default 0.001). Assignment or logging is broken, every
 *    comparison is biased, so nothing is decided and the sequential state is returned
 *    unchanged (a broken look must not leave evidence behind).
 * 2. `abort` — a guardrail is breached: its always-valid interval for candidate − stable lies
 *    entirely beyond `tolerance` on the worse side (e.g. error rate: lower bound > +0.005).
 *    Guardrails are tested at α / (number of guardrails) (Bonferroni), so the chance that any
 *    of them fires falsely over the whole rollout is at most α. Guardrails are read from
 *    `minSamplesForGuardrails` units per arm, earlier than the primary, because harm should
 *    stop a rollout sooner than benefit promotes it.
 * 3. `abort` — the primary metric is clearly *worse*: its always-valid interval excludes 0 on
 *    the worse side. (Not only guardrails: a candidate proven worse on the metric it was
 *    meant to improve should not keep its traffic.)
 * 4. `promote` (at the final stage) or `advance` (to the next traffic step) — both arms have
 *    at least `minSamplesPerArm` units and the primary's always-valid interval excludes 0 on
 *    the better side, i.e. its always-valid p-value is below α and the effect points the
 *    right way.
 * 5. `hold` — anything else: not enough units yet, or inconclusive. Keep collecting.
 *
 * Every test is the mSPRT (`update-msprt.ts`), so the rule may be applied at every look
 * without inflating error rates; α is spent once over the rollout, not per look. Secondary
 * metrics and the Bayesian numbers are reported, never acted on; secondary p-values are
 * Benjamini–Hochberg adjusted since a dashboard of them invites cherry-picking.
 *
 * Mixing variances are set in `evaluate-metric.ts`.
 */
import { AppError } from "@/lib/errors";
import { adjustPValues } from "@/lib/stats/adjust-p-values";
import { bayesMeans } from "@/lib/stats/bayes-means";
import { bayesProportions } from "@/lib/stats/bayes-proportions";
import { checkSampleRatio, type SampleRatioCheck } from "@/lib/stats/check-sample-ratio";
import {
  evaluateMetric,
  isEmpty,
  side,
  type GuardrailMetric,
  type MetricReport,
  type MetricState,
  type RolloutMetric,
} from "@/lib/stats/evaluate-metric";

export type { GuardrailMetric, MetricReport, MetricState, RolloutMetric };

/** Opaque to the caller: store it with the rollout and pass it back at the next look. */
export type RolloutState = Record<string, MetricState>;

export interface DecideRolloutOptions {
  arms: {
    candidate: { units: number; weight: number };
    stable: { units: number; weight: number };
  };
  primary: RolloutMetric;
  guardrails?: readonly GuardrailMetric[];
  secondary?: readonly RolloutMetric[];
  /** Default 0.05. */
  alpha?: number;
  minSamplesPerArm: number;
  /** Default min(minSamplesPerArm, 100). */
  minSamplesForGuardrails?: number;
  /** Default 0.001. */
  srmThreshold?: number;
  /** true at the last traffic step: a win is `promote`, otherwise `advance`. Default false. */
  finalStage?: boolean;
  state?: RolloutState;
}

export type RolloutDecision = "blocked" | "abort" | "advance" | "promote" | "hold";

export type ReasonCode =
  | "sample_ratio_mismatch"
  | "guardrail_breached"
  | "primary_worse"
  | "primary_better"
  | "not_enough_samples"
  | "inconclusive"
  | "interval_empty";

export interface DecisionReason {
  code: ReasonCode;
  metric?: string;
  message: string;
}

export interface RolloutDecisionResult {
  decision: RolloutDecision;
  reasons: DecisionReason[];
  sampleRatio: SampleRatioCheck;
  metrics: MetricReport[];
  state: RolloutState;
}

export function decideRollout(options: DecideRolloutOptions): RolloutDecisionResult {
  const {
    arms,
    primary,
    guardrails = [],
    secondary = [],
    alpha = 0.05,
    minSamplesPerArm,
    minSamplesForGuardrails = Math.min(minSamplesPerArm, 100),
    srmThreshold = 0.001,
    finalStage = false,
    state: previous = {},
  } = options;

  const ids = [primary, ...guardrails, ...secondary].map((m) => m.id);
  // The state is keyed by id: two metrics sharing one would overwrite each other's evidence.
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate !== undefined)
    throw new AppError("validation_failed", `Metric id ${duplicate} is used twice`, { id: duplicate });

  const sampleRatio = checkSampleRatio({
    arms: [
      { id: "candidate", ...arms.candidate },
      { id: "stable", ...arms.stable },
    ],
    threshold: srmThreshold,
  });
  if (sampleRatio.mismatch) {
    const share = (sampleRatio.deviations.candidate ?? 0) * 100;
    return {
      decision: "blocked",
      reasons: [
        {
          code: "sample_ratio_mismatch",
          message: `Units per arm do not match the weights (candidate ${share >= 0 ? "+" : ""}${share.toFixed(2)} points, p = ${sampleRatio.pValue.toExponential(2)}); fix assignment or logging before reading metrics.`,
        },
      ],
      sampleRatio,
      metrics: [],
      state: previous,
    };
  }

  const state: RolloutState = { ...previous };
  const reasons: DecisionReason[] = [];
  const metrics: MetricReport[] = [];
  const record = (metric: RolloutMetric, role: MetricReport["role"], level: number, minSamples: number) => {
    const { report, state: next } = evaluateMetric({
      metric,
      role,
      alpha: level,
      minSamples,
      previous: previous[metric.id],
    });
    if (next) state[metric.id] = next;
    metrics.push(report);
    return report;
  };

  const guardrailAlpha = alpha / Math.max(1, guardrails.length);
  for (const g of guardrails) {
    const report = record(g, "guardrail", guardrailAlpha, minSamplesForGuardrails);
    report.breached =
      report.evaluated &&
      !isEmpty(report.interval) &&
      side(report.interval, g.higherIsBetter, g.tolerance) === "worse";
    if (report.breached) {
      reasons.push({
        code: "guardrail_breached",
        metric: g.id,
        message: `${g.id}: candidate is worse than stable by more than ${g.tolerance} (always-valid interval ${report.interval!.lower.toPrecision(3)} to ${report.interval!.upper.toPrecision(3)}).`,
      });
    }
  }

  const p = record(primary, "primary", alpha, minSamplesPerArm);
  // Paired preferences have no two independent arms for these posteriors: none is reported.
  p.bayes =
    primary.kind === "proportion"
      ? bayesProportions({
          candidate: primary.candidate,
          stable: primary.stable,
          higherIsBetter: primary.higherIsBetter,
        })
      : primary.kind === "mean"
        ? bayesMeans({
            candidate: primary.candidate,
            stable: primary.stable,
            higherIsBetter: primary.higherIsBetter,
          })
        : undefined;

  const secondaryReports = secondary.map((m) => record(m, "secondary", alpha, minSamplesPerArm));
  const adjusted = adjustPValues({
    pValues: secondaryReports.map((r) => r.pValue),
    method: "benjamini-hochberg",
  });
  secondaryReports.forEach((r, i) => (r.adjustedPValue = adjusted[i]));

  const result = (decision: RolloutDecision): RolloutDecisionResult => ({
    decision,
    reasons,
    sampleRatio,
    metrics,
    state,
  });
  if (reasons.length > 0) return result("abort");

  if (!p.evaluated) {
    reasons.push({
      code: "not_enough_samples",
      metric: primary.id,
      message: `${primary.id}: waiting for ${minSamplesPerArm} units per arm (candidate ${arms.candidate.units}, stable ${arms.stable.units}).`,
    });
    return result("hold");
  }
  if (isEmpty(p.interval)) {
    reasons.push({
      code: "interval_empty",
      metric: primary.id,
      message: `${primary.id}: the always-valid intervals of successive looks no longer overlap; the metric is drifting and the test's assumptions do not hold.`,
    });
    return result("hold");
  }
  const verdict = side(p.interval, primary.higherIsBetter, 0);
  const pText = `always-valid p = ${p.pValue.toPrecision(3)}`;
  if (verdict === "worse") {
    reasons.push({
      code: "primary_worse",
      metric: primary.id,
      message: `${primary.id}: candidate is worse (${pText}).`,
    });
    return result("abort");
  }
  if (verdict === "better") {
    reasons.push({
      code: "primary_better",
      metric: primary.id,
      message: `${primary.id}: candidate is better (${pText}).`,
    });
    return result(finalStage ? "promote" : "advance");
  }
  reasons.push({
    code: "inconclusive",
    metric: primary.id,
    message: `${primary.id}: no clear difference yet (${pText}).`,
  });
  return result("hold");
}
