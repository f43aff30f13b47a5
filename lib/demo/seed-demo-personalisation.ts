import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { events, models } from "@/db/schema";
import { insertModel } from "@/lib/models/registry/insert-model";
import { insertModelVersion } from "@/lib/models/registry/insert-model-version";
import { moveLabel } from "@/lib/models/registry/move-label";
import { exportOnnx } from "@/lib/personalisation/export-onnx";
import { DEFAULT_FEATURE_SCHEMA } from "@/lib/personalisation/feature-schema";
import { generateSyntheticEvents } from "@/lib/personalisation/generate-synthetic-events";
import { trainLogistic } from "@/lib/personalisation/train-logistic";

export const DEMO_RANKER_NAME = "Brandgate Ranker";

/**
 * 400 customers × 5 exposures: enough for the trainer to recover the synthetic world's
 * preferences (bargain hunters pick short offers, premium customers long plain copy) with a
 * holdout AUC near 0.8, small enough that seeding both demo brands adds about a second to the
 * first start on an idle 2-core machine (trained once, 0.25 s of inserts a brand; see the
 * figures test/integration/demo-personalisation.test.ts prints).
 */
const CUSTOMERS = 400;
const EXPOSURES_PER_CUSTOMER = 5;
/** Events are spread over the days before the first start, inside the default 30-day window. */
const SPREAD_DAYS = 14;
const DAY = 24 * 3600 * 1000;

/** A uuid derived from a name, so the demo's events are the same on every first start. */
function demoUuid(name: string): string {
  const h = createHash("sha256").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Oldest first, spread evenly over SPREAD_DAYS, all before the window's end. */
const exposedAt = (windowStart: Date, i: number, n: number) =>
  windowStart.getTime() + DAY / 2 + (i * SPREAD_DAYS * DAY) / n;

let trainedOnce: { key: number; value: ReturnType<typeof trainDemoRanker> } | undefined;

/**
 * Every demo brand gets the same synthetic events at the same times, so the same model: it is
 * trained once per start (half the seed's cost with two brands). Training on the generated
 * events is training on what loadTrainingEvents reads back from them: the same exposures in
 * the same order, each labelled by its own click 30 s later, all inside the window.
 */
function demoRanker(windowStart: Date, windowEnd: Date) {
  if (trainedOnce?.key !== windowEnd.getTime())
    trainedOnce = { key: windowEnd.getTime(), value: trainDemoRanker(windowStart, windowEnd) };
  return trainedOnce.value;
}

function trainDemoRanker(windowStart: Date, windowEnd: Date) {
  const synthetic = generateSyntheticEvents({
    customers: CUSTOMERS,
    exposuresPerCustomer: EXPOSURES_PER_CUSTOMER,
    seed: "brandgate-demo",
  });
  const trained = trainLogistic({
    events: synthetic,
    featureSchema: DEFAULT_FEATURE_SCHEMA,
    window: { start: windowStart, end: windowEnd },
    seed: "brandgate-demo",
  });
  return {
    synthetic,
    trained,
    artifact: exportOnnx({ model: trained, featureSchema: trained.featureSchema }),
  };
}

/**
 * Gives a demo brand feedback events and a trained personalisation model labelled stable, so
 * placements are chosen by a real model (method "model") out of the box. The events come from
 * the synthetic world with a fixed seed; the model is trained and exported exactly as the
 * training job does it, and recorded with the same lineage (window, seed, holdout), so a later
 * "Train now" or scheduled retraining is evaluated against it like against any trained stable.
 * Idempotent: does nothing when the brand already has the model, so a second start never
 * retrains. The model retrains daily by its policy, which the Models page shows.
 */
export async function seedDemoPersonalisation(database: Database, brandId: string, now = new Date()) {
  const [existing] = await database
    .select({ id: models.id })
    .from(models)
    .where(and(eq(models.brandId, brandId), eq(models.name, DEMO_RANKER_NAME)));
  if (existing) return { modelId: existing.id, created: false };

  const windowStart = new Date(now.getTime() - (SPREAD_DAYS + 1) * DAY);
  const { synthetic, trained, artifact } = demoRanker(windowStart, now);
  const rows = synthetic.flatMap((e, i) => {
    // One content id per exposure: a click joins its own exposure, never an earlier one of the unit.
    const content_id = demoUuid(`demo-exposure:${brandId}:${i}`);
    const at = exposedAt(windowStart, i, synthetic.length);
    const unit_key = e.unitKey!;
    const exposure = {
      kind: "exposure",
      unit_key,
      content_id,
      audience: e.audience,
      variant: e.variant,
      occurred_at: new Date(at).toISOString(),
    };
    if (!e.outcome) return [exposure];
    const click = { kind: "click", unit_key, content_id, occurred_at: new Date(at + 30_000).toISOString() };
    return [exposure, click];
  });
  // One statement with one JSON parameter: row-by-row parameters cost PGlite about four times as much.
  await database.execute(sql`
    insert into ${events} (brand_id, kind, unit_key, content_id, audience, variant, occurred_at)
    select ${brandId}::uuid, r.kind::event_kind, r.unit_key, r.content_id::uuid, r.audience, r.variant,
      r.occurred_at::timestamptz
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(kind text, unit_key text, content_id text, audience jsonb, variant jsonb, occurred_at text)`);
  const model = await insertModel(database, {
    brandId,
    kind: "personalisation",
    name: DEMO_RANKER_NAME,
    description: "Chooses a placement's variant per audience; trained on the demo's synthetic events",
    policy: { retrainEveryHours: 24 },
  });
  const version = await insertModelVersion(
    database,
    model.id,
    {
      kind: "personalisation",
      artifact: Uint8Array.from(artifact.bytes),
      featureSchema: { ...trained.featureSchema },
      lineage: { ...trained.lineage, skippedEvents: 0, metrics: trained.metrics, source: "demo" },
      notes: `Demo: trained on ${trained.lineage.events.total} synthetic exposures; holdout AUC ${trained.metrics.holdout.auc?.toFixed(3) ?? "n/a"}`,
    },
    null,
  );
  await moveLabel(
    {
      model: model.id,
      label: "stable",
      versionId: version.id,
      actor: "system:seed",
      reason: "Demo data",
    },
    database,
  );
  return { modelId: model.id, created: true, versionId: version.id, sha256: artifact.sha256 };
}
