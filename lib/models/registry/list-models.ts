import { asc, eq, inArray, max } from "drizzle-orm";
import { modelLabels, models, modelVersions, type Model, type ModelLabel } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";

export interface ModelSummary extends Model {
  /** Highest version number, 0 when the model has none yet. */
  latestVersion: number;
  labels: Partial<Record<ModelLabel, { versionId: string; version: number; movedAt: Date }>>;
}

export async function listModels(principal: Principal | null, brandId: string): Promise<ModelSummary[]> {
  authorize(principal, "models:manage", brandId);
  const rows = await db().select().from(models).where(eq(models.brandId, brandId)).orderBy(asc(models.name));
  if (rows.length === 0) return [];
  const ids = rows.map((m) => m.id);
  const latest = await db()
    .select({ modelId: modelVersions.modelId, version: max(modelVersions.version) })
    .from(modelVersions)
    .where(inArray(modelVersions.modelId, ids))
    .groupBy(modelVersions.modelId);
  const labels = await db()
    .select({
      modelId: modelLabels.modelId,
      label: modelLabels.label,
      versionId: modelLabels.versionId,
      movedAt: modelLabels.movedAt,
      version: modelVersions.version,
    })
    .from(modelLabels)
    .innerJoin(modelVersions, eq(modelVersions.id, modelLabels.versionId))
    .where(inArray(modelLabels.modelId, ids));
  return rows.map((model) => ({
    ...model,
    latestVersion: latest.find((l) => l.modelId === model.id)?.version ?? 0,
    labels: Object.fromEntries(
      labels
        .filter((l) => l.modelId === model.id)
        .map((l) => [l.label, { versionId: l.versionId, version: l.version, movedAt: l.movedAt }]),
    ),
  }));
}
