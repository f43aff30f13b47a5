import type { GenerationGates, PersonalisationGates } from "@/lib/models/registry/model-policy";

export interface GenerationMetrics {
  briefs: number;
  passRate: number;
  meanScore: number;
  lengthFit: number;
  p50LatencyMs: number;
  p95LatencyMs: number;
  meanChars: number;
}

export interface PersonalisationMetrics {
  auc: number | null;
  logLoss: number;
  rows: number;
}

export interface Gate {
  name: string;
  /** `>=` or `<=`: which side of the threshold passes. */
  op: ">=" | "<=";
  threshold: number;
  value: number | null;
  passed: boolean;
}

function gate(name: string, op: Gate["op"], threshold: number, value: number | null): Gate {
  const passed = value !== null && (op === ">=" ? value >= threshold - 1e-9 : value <= threshold + 1e-9);
  return { name, op, threshold: round(threshold), value: value === null ? null : round(value), passed };
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

/**
 * Floors first, then margins against stable. Without a baseline (the model's first version,
 * or stable is the version itself) only the floors apply.
 */
export function generationGates(
  candidate: GenerationMetrics,
  baseline: GenerationMetrics | null,
  g: GenerationGates,
): Gate[] {
  const gates = [
    gate("pass rate", ">=", g.minPassRate, candidate.passRate),
    gate("mean score", ">=", g.minMeanScore, candidate.meanScore),
    gate("p95 latency (ms)", "<=", g.maxP95LatencyMs, candidate.p95LatencyMs),
    gate("length fit", ">=", g.minLengthFit, candidate.lengthFit),
  ];
  if (baseline) {
    gates.push(
      gate("pass rate vs stable", ">=", baseline.passRate - g.passRateMargin, candidate.passRate),
      gate("mean score vs stable", ">=", baseline.meanScore - g.meanScoreMargin, candidate.meanScore),
      gate("length fit vs stable", ">=", baseline.lengthFit - g.lengthFitMargin, candidate.lengthFit),
      gate(
        "p95 latency vs stable (ms)",
        "<=",
        baseline.p95LatencyMs * g.p95LatencyRatio + g.latencySlackMs,
        candidate.p95LatencyMs,
      ),
    );
  }
  return gates;
}

export function personalisationGates(
  candidate: PersonalisationMetrics,
  baseline: PersonalisationMetrics | null,
  g: PersonalisationGates,
): Gate[] {
  const gates = [gate("holdout AUC", ">=", g.minAuc, candidate.auc)];
  if (baseline) {
    gates.push(
      gate("holdout AUC vs stable", ">=", (baseline.auc ?? 0) - g.aucMargin, candidate.auc),
      gate("holdout log loss vs stable", "<=", baseline.logLoss + g.logLossMargin, candidate.logLoss),
    );
  }
  return gates;
}
