import { and, eq, or } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { models, modelVersions, type Model, type ModelVersion } from "@/db/schema";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A model of the brand by slug (or id); 404 naming `model` otherwise, another brand's included. */
export async function findModel(brandId: string, ref: string, database: Executor = db()): Promise<Model> {
  const match = UUID.test(ref) ? or(eq(models.slug, ref), eq(models.id, ref)) : eq(models.slug, ref);
  const [model] = await database
    .select()
    .from(models)
    .where(and(eq(models.brandId, brandId), match));
  if (!model) throw new AppError("not_found", `No model "${ref}" in this brand`, { path: "model" });
  return model;
}

/** A version of the model by its tag (the version number unless the registrant named it). */
export async function findVersion(
  modelId: string,
  tag: string,
  database: Executor = db(),
): Promise<ModelVersion> {
  const [version] = await database
    .select()
    .from(modelVersions)
    .where(and(eq(modelVersions.modelId, modelId), eq(modelVersions.tag, tag)));
  if (!version) throw new AppError("not_found", `No version "${tag}" of this model`, { path: "version" });
  return version;
}
