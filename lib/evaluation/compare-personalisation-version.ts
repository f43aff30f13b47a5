import { eq } from "drizzle-orm";
import { z } from "zod";
import { modelVersions } from "@/db/schema";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { computeAuc } from "@/lib/personalisation/compute-auc";
import { computeLogLoss } from "@/lib/personalisation/compute-log-loss";
import { ONNX_INPUT, ONNX_OUTPUT } from "@/lib/personalisation/export-onnx";
import { featureSchemaDefinitionOf } from "@/lib/personalisation/feature-schema";
import { loadOnnxModel } from "@/lib/personalisation/load-onnx-model";
import type { TrainingEvent } from "@/lib/personalisation/train-logistic";
import { loadTrainingEvents } from "@/lib/personalisation/load-training-events";
import { hashToUnitInterval } from "@/lib/stats/assign-hash";
import { personalisationGates, type Gate, type PersonalisationMetrics } from "./compute-gates";
import type { PersonalisationGates } from "@/lib/models/registry/model-policy";

const lineageSchema = z.object({
  windowStart: z.coerce.date(),
  windowEnd: z.coerce.date(),
  seed: z.string(),
  holdoutFraction: z.number(),
});

export interface ComparePersonalisationOptions {
  brandId: string;
  versionId: string;
  baselineVersionId: string | null;
  gates: PersonalisationGates;
}

async function scoreHoldout(versionId: string, holdout: TrainingEvent[]): Promise<PersonalisationMetrics> {
  const [row] = await db().select().from(modelVersions).where(eq(modelVersions.id, versionId));
  if (!row?.artifact || !row.artifactSha256)
    throw new AppError("not_found", "No such personalisation version");
  const { session, encoder, Tensor } = await loadOnnxModel({
    sha256: row.artifactSha256,
    bytes: row.artifact,
    featureSchema: featureSchemaDefinitionOf(row.featureSchema),
  });
  try {
    const d = encoder.dimension;
    const rows = new Float32Array(holdout.length * d);
    holdout.forEach((e, i) => encoder.encodeInto(rows, i * d, e.audience, e.variant));
    const out = await session.run({ [ONNX_INPUT]: new Tensor("float32", rows, [holdout.length, d]) });
    const scores = Array.from(out[ONNX_OUTPUT]!.data as Float32Array);
    const outcomes = holdout.map((e) => e.outcome);
    return {
      auc: computeAuc(scores, outcomes),
      logLoss: computeLogLoss(scores, outcomes),
      rows: holdout.length,
    };
  } finally {
    await session.release();
  }
}

type Lineage = z.output<typeof lineageSchema>;

async function lineageOf(versionId: string) {
  const [row] = await db()
    .select({ lineage: modelVersions.lineage })
    .from(modelVersions)
    .where(eq(modelVersions.id, versionId));
  return lineageSchema.safeParse(row?.lineage);
}

/** How far back an uploaded version's holdout reaches: the default retraining window. */
const UPLOAD_HOLDOUT_DAYS = 30;

/**
 * An uploaded file was fitted outside Brandgate, on none of the brand's events as far as
 * Brandgate can tell, so every recent exposure (less stable's training units, as for any
 * candidate) is its holdout: the last UPLOAD_HOLDOUT_DAYS before it was uploaded, all of it.
 */
async function uploadedHoldout(versionId: string): Promise<Lineage | null> {
  const [row] = await db()
    .select({ lineage: modelVersions.lineage, createdAt: modelVersions.createdAt })
    .from(modelVersions)
    .where(eq(modelVersions.id, versionId));
  if (row?.lineage?.source !== "upload") return null;
  return {
    windowStart: new Date(row.createdAt.getTime() - UPLOAD_HOLDOUT_DAYS * 24 * 3600 * 1000),
    windowEnd: row.createdAt,
    seed: "upload",
    holdoutFraction: 1,
  };
}

const inHoldout = (l: Lineage, key: string) =>
  hashToUnitInterval(["holdout", l.seed, key]) < l.holdoutFraction;

/** The units a version was fitted on: those of its window's events outside its own holdout. */
async function trainedUnits(brandId: string, l: Lineage): Promise<Set<string>> {
  const { events } = await loadTrainingEvents(brandId, l.windowStart, l.windowEnd);
  return new Set(
    events.flatMap((e) => (e.unitKey !== undefined && !inHoldout(l, e.unitKey) ? [e.unitKey] : [])),
  );
}

/**
 * The offline comparison for a retrained personalisation version: the exposures of its
 * training window are read again and split with its own seed, and both ONNX artifacts (the
 * files that would serve) score the same holdout rows. Events that landed in the window after
 * training are included, so this is the holdout as it is now, for both models alike.
 *
 * Units stable was fitted on are left out of that holdout: a scheduled retraining reads a
 * window overlapping stable's with a new seed, so about 80% of the candidate's holdout would
 * be stable's training data, and stable, scored in-sample, would beat an equally good
 * candidate by more than the margins (7 of 10 such retrainings failed on 9,000 exposures).
 * What remains is unseen by both. A stable without a recorded window (an upload) cannot be
 * checked, and the report says so.
 */
export async function comparePersonalisationVersion(options: ComparePersonalisationOptions) {
  const lineage = (await lineageOf(options.versionId)).data ?? (await uploadedHoldout(options.versionId));
  if (!lineage) {
    throw new AppError("unprocessable", "This version records no training window to build a holdout from");
  }
  const { windowStart, windowEnd, seed, holdoutFraction } = lineage;
  const { events } = await loadTrainingEvents(options.brandId, windowStart, windowEnd);
  const split = events.filter((e, i) => inHoldout(lineage, e.unitKey ?? `#${i}`));
  const baselineLineage = options.baselineVersionId ? await lineageOf(options.baselineVersionId) : null;
  const seenByBaseline = baselineLineage?.success
    ? await trainedUnits(options.brandId, baselineLineage.data)
    : new Set<string>();
  const holdout = split.filter((e) => e.unitKey === undefined || !seenByBaseline.has(e.unitKey));
  if (holdout.length === 0) throw new AppError("unprocessable", "The holdout is empty");
  const candidate = await scoreHoldout(options.versionId, holdout);
  const baseline = options.baselineVersionId ? await scoreHoldout(options.baselineVersionId, holdout) : null;
  const gates: Gate[] = personalisationGates(candidate, baseline, options.gates);
  const excluded = split.length - holdout.length;
  const rows = `${holdout.length} holdout exposures${excluded > 0 ? ` (${excluded} left out: stable was trained on them)` : ""}`;
  return {
    setVersion:
      `holdout:${windowStart.toISOString()}..${windowEnd.toISOString()}#${seed}@${holdoutFraction}` +
      (baselineLineage?.success ? ` unseen by ${describe(baselineLineage.data)}` : ""),
    metrics: {
      candidate,
      baseline,
      holdout: {
        rows: holdout.length,
        excludedAsStableTraining: excluded,
        /** False when stable records no training window, so its training rows could not be left out. */
        stableTrainingKnown: baselineLineage ? baselineLineage.success : null,
      },
    },
    gates,
    report: {
      summary: gates.every((g) => g.passed)
        ? `Passed all ${gates.length} gates on ${rows}`
        : `Failed ${gates
            .filter((g) => !g.passed)
            .map((g) => g.name)
            .join(", ")} on ${rows}`,
    },
  };
}

function describe(l: Lineage) {
  return `${l.windowStart.toISOString()}..${l.windowEnd.toISOString()}#${l.seed}@${l.holdoutFraction}`;
}
