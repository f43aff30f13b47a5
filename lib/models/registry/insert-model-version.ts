import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { models, modelVersions, type ModelVersion } from "@/db/schema";
import { AppError, parseOrThrow } from "@/lib/errors";
import { isConstraintViolation, violatedConstraint } from "./is-constraint-violation";
import { toPublicVersion, type PublicModelVersion } from "./public-version";
import { sealSecret } from "@/lib/security/secret-box";
import { modelVersionInput, type ModelVersionInput } from "./version-input";

/**
 * Unchecked insert shared by `createModelVersion` (after authorization) and the demo seed.
 * The version number is computed in the insert; two concurrent inserts collide on the
 * (model_id, version) key and the loser is told to retry rather than silently renumbered.
 */
export async function insertModelVersion(
  database: Executor,
  modelId: string,
  input: ModelVersionInput,
  createdBy: string | null,
): Promise<PublicModelVersion> {
  const v = parseOrThrow(modelVersionInput, input);
  const [model] = await database.select({ kind: models.kind }).from(models).where(eq(models.id, modelId));
  if (!model) throw new AppError("not_found", "No such model");
  if (model.kind !== v.kind) {
    throw new AppError("validation_failed", `This is a ${model.kind} model`, [
      { path: "kind", message: `must be ${model.kind}` },
    ]);
  }
  const next = sql`(select coalesce(max(${modelVersions.version}), 0) + 1 from ${modelVersions} where ${modelVersions.modelId} = ${modelId})`;
  const common = {
    modelId,
    kind: v.kind,
    notes: v.notes,
    createdBy,
    version: sql<number>`${next}`,
    tag: v.tag ?? sql<string>`${next}::text`,
  };
  const values =
    v.kind === "generation"
      ? {
          ...common,
          provider: v.provider,
          baseUrl: v.baseUrl ?? null,
          modelName: v.modelName,
          parameters: v.parameters,
          resilience: v.resilience,
          secretEnv: v.secret?.kind === "env" ? v.secret.name : null,
          secretCiphertext: v.secret?.kind === "value" ? sealSecret(v.secret.value) : null,
          priceInputPerMillion: v.priceInputPerMillion,
          priceOutputPerMillion: v.priceOutputPerMillion,
        }
      : {
          ...common,
          artifact: Buffer.from(v.artifact),
          artifactSha256: createHash("sha256").update(v.artifact).digest("hex"),
          featureSchema: v.featureSchema,
          lineage: v.lineage,
        };
  let row: ModelVersion;
  try {
    [row] = (await database.insert(modelVersions).values(values).returning()) as [ModelVersion];
  } catch (err) {
    if (isConstraintViolation(err, "23505")) {
      if (violatedConstraint(err) === "model_versions_model_tag_key")
        throw new AppError("conflict", `This model already has a version "${v.tag}"`, { path: "version" });
      throw new AppError("conflict", "Another version of this model was created at the same time; try again");
    }
    throw err;
  }
  return toPublicVersion(row);
}
