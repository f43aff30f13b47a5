/**
 * Trains a personalisation model from exposure + outcome events: encodes them with the
 * feature schema, splits train / holdout deterministically, fits L2 logistic regression,
 * and reports holdout metrics and lineage for the model registry.
 */
import { z } from "zod";
import { AppError, parseOrThrow } from "@/lib/errors";
import { hashToUnitInterval } from "@/lib/stats/assign-hash";
import { compileFeatureEncoder } from "./compile-feature-encoder";
import { computeAuc } from "./compute-auc";
import { computeLogLoss } from "./compute-log-loss";
import { describeFeatureSchema, type FeatureSchemaDescription } from "./describe-feature-schema";
import type { Audience, FeatureSchemaDefinition, Variant } from "./feature-schema";
import { fitLogistic } from "./fit-logistic";
import { scoreReference } from "./score-reference";

export interface TrainingEvent {
  audience: Audience;
  variant: Variant;
  outcome: 0 | 1;
  /**
   * The customer or user, when known: all of a unit's events then land on the same side of
   * the split, so the holdout measures generalisation to unseen people, not memory.
   */
  unitKey?: string;
}

export const trainLogisticOptionsSchema = z.object({
  /** The exposure window the events were read from, recorded in the lineage. */
  window: z.object({ start: z.coerce.date(), end: z.coerce.date() }),
  seed: z.string().min(1),
  holdoutFraction: z.number().gt(0).lt(1).default(0.2),
  l2: z.number().positive().default(1),
  maxIterations: z.number().int().positive().default(50),
});

export type TrainLogisticOptions = z.input<typeof trainLogisticOptionsSchema> & {
  events: readonly TrainingEvent[];
  featureSchema: FeatureSchemaDefinition;
};

export interface SplitMetrics {
  events: number;
  positives: number;
  logLoss: number;
  /** Null when the split holds only one outcome, where AUC is undefined. */
  auc: number | null;
}

export interface TrainedLogisticModel {
  /** float32-rounded, exactly as exported to ONNX, so metrics describe the served model. */
  weights: number[];
  bias: number;
  featureSchema: FeatureSchemaDescription;
  metrics: { train: SplitMetrics; holdout: SplitMetrics };
  lineage: {
    windowStart: string;
    windowEnd: string;
    seed: string;
    holdoutFraction: number;
    /** "unit" when every event had a unitKey, "event" when none had, else "mixed". */
    splitBy: "unit" | "event" | "mixed";
    events: { total: number; train: number; holdout: number; positives: number };
    featureSchemaVersion: string;
    featureSchemaFingerprint: string;
    trainer: { algorithm: "logistic-l2-newton"; l2: number; iterations: number; converged: boolean };
  };
}

function splitBy(events: readonly TrainingEvent[]): "unit" | "event" | "mixed" {
  const withUnit = events.filter((e) => e.unitKey !== undefined).length;
  return withUnit === events.length ? "unit" : withUnit === 0 ? "event" : "mixed";
}

export function trainLogistic(options: TrainLogisticOptions): TrainedLogisticModel {
  const { window, seed, holdoutFraction, l2, maxIterations } = parseOrThrow(
    trainLogisticOptionsSchema,
    options,
  );
  const { events } = options;
  const featureSchema = describeFeatureSchema(options.featureSchema);
  const encoder = compileFeatureEncoder(featureSchema.definition);
  const d = encoder.dimension;

  const isHoldout = events.map(
    (event, i) => hashToUnitInterval(["holdout", seed, event.unitKey ?? `#${i}`]) < holdoutFraction,
  );
  const encodeSplit = (holdout: boolean) => {
    const chosen = events.filter((_, i) => isHoldout[i] === holdout);
    const rows = new Float32Array(chosen.length * d);
    const outcomes = new Uint8Array(chosen.length);
    chosen.forEach((event, i) => {
      if (event.outcome !== 0 && event.outcome !== 1) {
        throw new AppError("validation_failed", "Event outcomes must be 0 or 1", { outcome: event.outcome });
      }
      encoder.encodeInto(rows, i * d, event.audience, event.variant);
      outcomes[i] = event.outcome;
    });
    return { rows, outcomes };
  };
  const train = encodeSplit(false);
  const holdout = encodeSplit(true);
  const trainPositives = train.outcomes.reduce((s, y) => s + y, 0);
  if (trainPositives === 0 || trainPositives === train.outcomes.length) {
    throw new AppError("unprocessable", "Training needs both outcomes among the training events", {
      events: train.outcomes.length,
      positives: trainPositives,
    });
  }

  const fit = fitLogistic({ rows: train.rows, dimension: d, outcomes: train.outcomes, l2, maxIterations });
  const model = { weights: Array.from(fit.weights, Math.fround), bias: Math.fround(fit.bias) };
  const measure = ({ rows, outcomes }: { rows: Float32Array; outcomes: Uint8Array }): SplitMetrics => {
    const scores = scoreReference({ model, rows });
    return {
      events: outcomes.length,
      positives: outcomes.reduce((s, y) => s + y, 0),
      logLoss: computeLogLoss(scores, outcomes),
      auc: computeAuc(scores, outcomes),
    };
  };
  const metrics = { train: measure(train), holdout: measure(holdout) };

  return {
    ...model,
    featureSchema,
    metrics,
    lineage: {
      windowStart: window.start.toISOString(),
      windowEnd: window.end.toISOString(),
      seed,
      holdoutFraction,
      splitBy: splitBy(events),
      events: {
        total: events.length,
        train: metrics.train.events,
        holdout: metrics.holdout.events,
        positives: metrics.train.positives + metrics.holdout.positives,
      },
      featureSchemaVersion: featureSchema.version,
      featureSchemaFingerprint: featureSchema.fingerprint,
      trainer: { algorithm: "logistic-l2-newton", l2, iterations: fit.iterations, converged: fit.converged },
    },
  };
}
