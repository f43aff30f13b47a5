/**
 * What a rollout stores between looks and what each decision records. The statistics that
 * produce them live in lib/stats and lib/rollout; these are the stored shapes they return,
 * declared here so the columns are typed (db imports nothing of lib).
 */

/** A two-sided interval. */
export interface StoredInterval {
  lower: number;
  upper: number;
}

/** rollouts.state: per metric id, the mSPRT state carried from one look to the next. */
export type StoredRolloutState = Record<
  string,
  {
    msprt: { looks: number; pValue: number; interval: StoredInterval | null };
    mixingVariance: number;
  }
>;

/** rollout_decisions.reasons: why the decision was taken, one entry per reason. */
export interface StoredDecisionReason {
  code: string;
  metric?: string;
  message: string;
}

/** One metric's report at a look (lib/stats evaluateMetric), as a decision stores it. */
export interface StoredMetricReport {
  id: string;
  role: "primary" | "guardrail" | "secondary";
  candidateValue: number;
  stableValue: number;
  estimate: number;
  pValue: number;
  interval: StoredInterval | null;
  evaluated: boolean;
  adjustedPValue?: number;
  breached?: boolean;
  bayes?: unknown;
}

/**
 * rollout_decisions.metrics: what the analysis saw at this look — units per arm, the
 * sample-ratio check, each metric's report and latency percentiles. Decisions a person took
 * (pause, start) store an empty object.
 */
export interface StoredDecisionMetrics {
  units?: { candidate: number; stable: number };
  stepUnits?: unknown;
  sampleRatio?: unknown;
  reports?: StoredMetricReport[];
  latency?: unknown;
}

/** model_evaluations.gates: each gate of an evaluation. */
export interface StoredGate {
  name: string;
  /** `>=` or `<=`: which side of the threshold passes. */
  op: ">=" | "<=";
  threshold: number;
  value: number | null;
  passed: boolean;
}

/** One evaluation brief's result for a version (lib/evaluation measureGenerationVersion). */
export interface StoredBriefResult {
  briefId: string;
  latencyMs: number;
  /** Set when the version did not answer at all. */
  error?: string;
  /** The start of the answer. */
  text?: string;
  compliant?: boolean;
  score?: number;
  lengthFit?: boolean;
  chars?: number;
  problems?: string[];
}

/** A candidate's brief result beside stable's on the same brief (`baseline`). */
export interface StoredBriefComparison extends StoredBriefResult {
  baseline: StoredBriefResult | null;
}

/** model_evaluations.report: per-brief results, the summary, and what happened to the canary. */
export interface StoredEvaluationReport {
  summary?: string;
  error?: string;
  /** What happened to the automatic canary; absent until the step after a pass has run. */
  canary?: unknown;
  failedGates?: string[];
  briefs?: StoredBriefComparison[];
  /** While the run is under way: briefs done of the total. */
  progress?: { done: number; total: number };
  [key: string]: unknown;
}

/** generations.rounds: one model round of the pipeline, with the checks' violations fed back. */
export interface StoredGenerationRound {
  round: number;
  versionId?: string | null;
  text?: string;
  violations?: unknown[];
  [key: string]: unknown;
}
