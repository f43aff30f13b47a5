import type { RenderedParts, StoredSlotValues } from "@/db/schema/json/content-revision";
/**
 * The first choice of a placement variant for a unit, best evidence first:
 *
 * 1. `model` — the brand's personalisation model scores every variant for this audience (ONNX,
 *    score-candidates) and the best one wins. The version is the model's route for this unit
 *    (labels + model_routes, the same sticky assignment generation models use), so a rollout
 *    of a personalisation model splits placement traffic too; shadow mode serves stable;
 * 2. `thompson` — without a model, Thompson sampling over each variant's exposures and
 *    clicks (counts up to 10 s old, see count-variant-outcomes), so new variants get tried
 *    and poor ones fade;
 * 3. `hash` — before anything has been shown, an equal-weight rendezvous hash of the unit.
 *
 * A model that fails to load or run falls back to the next method rather than failing the
 * request: serving approved content matters more than serving the best-scored one.
 */
import { and, desc, eq } from "drizzle-orm";
import { modelLabels, modelRoutes, models, modelVersions, type PlacementMethod } from "@/db/schema";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { chooseThompson } from "@/lib/personalisation/choose-thompson";
import { createRng } from "@/lib/stats/create-rng";
import { featureSchemaDefinitionOf, type Audience } from "@/lib/personalisation/feature-schema";
import { chooseRoute } from "@/lib/models/routing/choose-route";
import { scoreCandidates } from "@/lib/personalisation/score-candidates";
import { assignVariant } from "@/lib/stats/assign";
import { countVariantOutcomes } from "./count-variant-outcomes";
import { variantFeaturesOf } from "./variant-features";

export interface Candidate {
  id: string;
  slots: StoredSlotValues;
  rendered: RenderedParts;
}

export interface ChooseFirstVariantOptions {
  brandId: string;
  placementId: string;
  unitKey: string;
  audience: Audience;
  /** Approved now; at least one. */
  candidates: readonly Candidate[];
}

export interface VariantChoice {
  id: string;
  method: PlacementMethod;
  modelVersionId: string | null;
}

export async function chooseFirstVariant(o: ChooseFirstVariantOptions): Promise<VariantChoice> {
  // Sorted so a choice never depends on the order rows came back in.
  const candidates = [...o.candidates].sort((a, b) => (a.id < b.id ? -1 : 1));
  if (candidates.length === 1) return { id: candidates[0]!.id, method: "hash", modelVersionId: null };

  const stable = await routedPersonalisationVersion(o.brandId, o.unitKey);
  if (stable) {
    try {
      const scores = await scoreCandidates({
        versionKey: stable.artifactSha256,
        modelBytes: () => artifactOf(stable.id),
        featureSchema: featureSchemaDefinitionOf(stable.featureSchema),
        audience: o.audience,
        variants: candidates.map((c) => variantFeaturesOf(c.slots, c.rendered)),
      });
      let best = 0;
      for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i;
      return { id: candidates[best]!.id, method: "model", modelVersionId: stable.id };
    } catch (err) {
      logger().warn({ err, versionId: stable.id }, "personalisation model failed; choosing without it");
    }
  }

  const counts = await countVariantOutcomes(
    o.brandId,
    candidates.map((c) => c.id),
  );
  if (counts.size > 0) {
    const arms = candidates.map((c) => {
      const n = counts.get(c.id) ?? { exposures: 0, clicks: 0 };
      return { id: c.id, successes: n.clicks, failures: Math.max(0, n.exposures - n.clicks) };
    });
    // Seeded by placement and unit: the decision can be replayed from the counts it saw.
    const choice = chooseThompson({ arms, rng: createRng(`${o.placementId}:${o.unitKey}`) });
    return { id: choice.id, method: "thompson", modelVersionId: null };
  }

  const id = assignVariant({
    salt: o.placementId,
    unitKey: o.unitKey,
    arms: candidates.map((c) => ({ id: c.id, weight: 1 })),
  });
  return { id, method: "hash", modelVersionId: null };
}

async function routedPersonalisationVersion(brandId: string, unitKey: string) {
  const [model] = await db()
    .select({ id: models.id, stable: modelLabels.versionId })
    .from(models)
    .innerJoin(modelLabels, and(eq(modelLabels.modelId, models.id), eq(modelLabels.label, "stable")))
    .where(and(eq(models.brandId, brandId), eq(models.kind, "personalisation")))
    .orderBy(desc(modelLabels.movedAt))
    .limit(1);
  if (!model) return null;
  const [candidate] = await db()
    .select({ versionId: modelLabels.versionId })
    .from(modelLabels)
    .where(and(eq(modelLabels.modelId, model.id), eq(modelLabels.label, "candidate")));
  const [route] = await db().select().from(modelRoutes).where(eq(modelRoutes.modelId, model.id));
  const { primaryVersionId } = chooseRoute({
    policy: route ?? { mode: "stable", candidateWeight: 0, salt: model.id },
    stableVersionId: model.stable,
    candidateVersionId: candidate?.versionId ?? null,
    unitKey,
  });
  const [row] = await db()
    .select({
      id: modelVersions.id,
      artifactSha256: modelVersions.artifactSha256,
      featureSchema: modelVersions.featureSchema,
    })
    .from(modelVersions)
    .where(eq(modelVersions.id, primaryVersionId));
  return row?.artifactSha256 ? { ...row, artifactSha256: row.artifactSha256 } : null;
}

async function artifactOf(versionId: string): Promise<Uint8Array> {
  const [row] = await db()
    .select({ artifact: modelVersions.artifact })
    .from(modelVersions)
    .where(eq(modelVersions.id, versionId));
  if (!row?.artifact) throw new Error(`Model version ${versionId} has no artifact`);
  return new Uint8Array(row.artifact);
}
