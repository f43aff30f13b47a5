import { z } from "zod";
import type { ModelVersion } from "@/db/schema";
import { modelKindEnum, modelProviderEnum } from "@/db/schema";

/**
 * A model version as it may leave lib: for API responses, the UI and logs. The API key
 * (env variable value or sealed ciphertext) and the artifact bytes are not part of it; only
 * whether and how a secret is configured.
 */
export const publicModelVersionSchema = z.strictObject({
  id: z.uuid(),
  modelId: z.uuid(),
  kind: z.enum(modelKindEnum.enumValues),
  version: z.number().int(),
  tag: z.string(),
  retiredAt: z.date().nullable(),
  notes: z.string(),
  createdBy: z.uuid().nullable(),
  createdAt: z.date(),
  generation: z
    .strictObject({
      provider: z.enum(modelProviderEnum.enumValues),
      baseUrl: z.string().nullable(),
      modelName: z.string(),
      priceInputPerMillion: z.number().nullable(),
      priceOutputPerMillion: z.number().nullable(),
      parameters: z.unknown(),
      resilience: z.unknown(),
      secret: z.union([
        z.strictObject({ kind: z.literal("env"), name: z.string() }),
        z.strictObject({ kind: z.literal("encrypted") }),
        z.null(),
      ]),
    })
    .nullable(),
  personalisation: z
    .strictObject({
      artifactSha256: z.string(),
      artifactBytes: z.number().int(),
      featureSchema: z.unknown(),
      lineage: z.unknown(),
    })
    .nullable(),
});

export type PublicModelVersion = z.infer<typeof publicModelVersionSchema>;

export function toPublicVersion(row: ModelVersion): PublicModelVersion {
  return {
    id: row.id,
    modelId: row.modelId,
    kind: row.kind,
    version: row.version,
    tag: row.tag,
    retiredAt: row.retiredAt,
    notes: row.notes,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    generation:
      row.kind === "generation"
        ? {
            provider: row.provider!,
            baseUrl: row.baseUrl,
            modelName: row.modelName!,
            priceInputPerMillion: row.priceInputPerMillion,
            priceOutputPerMillion: row.priceOutputPerMillion,
            parameters: row.parameters,
            resilience: row.resilience,
            secret: row.secretEnv
              ? { kind: "env", name: row.secretEnv }
              : row.secretCiphertext
                ? { kind: "encrypted" }
                : null,
          }
        : null,
    personalisation:
      row.kind === "personalisation"
        ? {
            artifactSha256: row.artifactSha256!,
            artifactBytes: row.artifact?.byteLength ?? 0,
            featureSchema: row.featureSchema,
            lineage: row.lineage,
          }
        : null,
  };
}
