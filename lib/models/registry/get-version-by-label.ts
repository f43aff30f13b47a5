import { and, eq } from "drizzle-orm";
import { modelLabels, models, modelVersions, type ModelLabel } from "@/db/schema";
import { db } from "@/lib/db";
import { toPublicVersion, type PublicModelVersion } from "./public-version";

export interface GetVersionByLabelOptions {
  /** Scopes the lookup: a model of another brand is not found. */
  brandId: string;
  modelId: string;
  label: ModelLabel;
}

/** The version a label points at now, or null when the label is unset. */
export async function getVersionByLabel(
  options: GetVersionByLabelOptions,
): Promise<PublicModelVersion | null> {
  const [row] = await db()
    .select({ version: modelVersions })
    .from(modelLabels)
    .innerJoin(models, eq(models.id, modelLabels.modelId))
    .innerJoin(modelVersions, eq(modelVersions.id, modelLabels.versionId))
    .where(
      and(
        eq(models.brandId, options.brandId),
        eq(modelLabels.modelId, options.modelId),
        eq(modelLabels.label, options.label),
      ),
    );
  return row ? toPublicVersion(row.version) : null;
}
