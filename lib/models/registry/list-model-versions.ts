import { asc, eq } from "drizzle-orm";
import { modelEvaluations, modelLabels, models, modelVersions, type EvaluationStatus } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import type { StoredModelLineage } from "@/db/schema/json/model-lineage";

export interface ModelVersionListing {
  id: string;
  modelId: string;
  modelName: string;
  kind: "generation" | "personalisation";
  version: number;
  /** The registrant's name for it; the number as text when none was given. */
  tag: string;
  retired: boolean;
  notes: string;
  createdAt: Date;
  /** Labels pointing at this version now (`stable`, `candidate`). */
  labels: string[];
  /** Null when the version was never evaluated (seeded, or registered before the gate). */
  evaluationStatus: EvaluationStatus | null;
  /** Generation only: the provider and the model id sent upstream. */
  provider: string | null;
  providerModel: string | null;
  /** Personalisation only: where the artifact came from (training window, code, metrics). */
  lineage: StoredModelLineage | null;
}

/**
 * Every version of the brand's models with its labels and evaluation status: what the
 * rollout form offers and the models page shows as lineage. Secrets and artifacts stay out.
 */
export async function listModelVersions(
  principal: Principal | null,
  brandId: string,
): Promise<ModelVersionListing[]> {
  authorize(principal, "models:manage", brandId);
  const rows = await db()
    .select({
      version: modelVersions,
      modelName: models.name,
      evaluationStatus: modelEvaluations.status,
    })
    .from(modelVersions)
    .innerJoin(models, eq(models.id, modelVersions.modelId))
    .leftJoin(modelEvaluations, eq(modelEvaluations.versionId, modelVersions.id))
    .where(eq(models.brandId, brandId))
    .orderBy(asc(models.name), asc(modelVersions.version));
  const labels = await db()
    .select({ versionId: modelLabels.versionId, label: modelLabels.label })
    .from(modelLabels)
    .innerJoin(models, eq(models.id, modelLabels.modelId))
    .where(eq(models.brandId, brandId));
  return rows.map(({ version: v, modelName, evaluationStatus }) => ({
    id: v.id,
    modelId: v.modelId,
    modelName,
    kind: v.kind,
    version: v.version,
    tag: v.tag,
    retired: v.retiredAt !== null,
    notes: v.notes,
    createdAt: v.createdAt,
    labels: labels.filter((l) => l.versionId === v.id).map((l) => l.label),
    evaluationStatus,
    provider: v.provider,
    providerModel: v.modelName,
    lineage: v.lineage ?? null,
  }));
}
