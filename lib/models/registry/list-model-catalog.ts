import { and, asc, eq, inArray } from "drizzle-orm";
import { modelEvaluations, modelLabels, models, modelVersions, rollouts } from "@/db/schema";
import { db } from "@/lib/db";
import type { ModelReader } from "./model-caller";

export interface CatalogModel {
  /** The slug: what a client sends as `model`. */
  id: string;
  object: "model";
  /** Unix seconds, as OpenAI lists them. */
  created: number;
  owned_by: "brandgate";
  name: string;
  kind: "generation" | "personalisation";
  /** Label → version tag. */
  labels: Record<string, string>;
  versions: {
    version: string;
    number: number;
    evaluation: string | null;
    retired: boolean;
    /** The live rollout trying this version, if any. */
    canary: boolean;
  }[];
}

/** The brand's models in OpenAI's list shape, with Brandgate's kind, labels and versions riding along. */
export async function listModelCatalog(
  reader: ModelReader,
): Promise<{ object: "list"; data: CatalogModel[] }> {
  const rows = await db()
    .select()
    .from(models)
    .where(eq(models.brandId, reader.brandId))
    .orderBy(asc(models.slug));
  if (rows.length === 0) return { object: "list", data: [] };
  const ids = rows.map((m) => m.id);
  const [versions, labels, live] = await Promise.all([
    db()
      .select({
        id: modelVersions.id,
        modelId: modelVersions.modelId,
        tag: modelVersions.tag,
        number: modelVersions.version,
        retiredAt: modelVersions.retiredAt,
        evaluation: modelEvaluations.status,
      })
      .from(modelVersions)
      .leftJoin(modelEvaluations, eq(modelEvaluations.versionId, modelVersions.id))
      .where(inArray(modelVersions.modelId, ids))
      .orderBy(asc(modelVersions.version)),
    db().select().from(modelLabels).where(inArray(modelLabels.modelId, ids)),
    db()
      .select({ candidate: rollouts.candidateVersionId })
      .from(rollouts)
      .where(and(inArray(rollouts.modelId, ids), inArray(rollouts.status, ["active", "paused"]))),
  ]);
  const liveCandidates = new Set(live.map((r) => r.candidate));
  const tagOf = new Map(versions.map((v) => [v.id, v.tag]));
  return {
    object: "list",
    data: rows.map((m) => ({
      id: m.slug,
      object: "model" as const,
      created: Math.floor(m.createdAt.getTime() / 1000),
      owned_by: "brandgate" as const,
      name: m.name,
      kind: m.kind,
      labels: Object.fromEntries(
        labels.filter((l) => l.modelId === m.id).map((l) => [l.label, tagOf.get(l.versionId) ?? ""]),
      ),
      versions: versions
        .filter((v) => v.modelId === m.id)
        .map((v) => ({
          version: v.tag,
          number: v.number,
          evaluation: v.evaluation,
          retired: v.retiredAt !== null,
          canary: liveCandidates.has(v.id),
        })),
    })),
  };
}
