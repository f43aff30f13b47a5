import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { brands, models, modelVersions } from "@/db/schema";
import { readSecretVariable } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { GenerationTarget, TargetResolver } from "../generation-target";
import { createProvider } from "../providers/create-provider";
import { resiliencePolicySchema } from "../resilience/policy";
import { generationParametersSchema } from "./generation-parameters";
import { openSecret } from "@/lib/security/secret-box";

const MAX_CACHED = 1000;

/**
 * Resolves version ids to ready provider clients, cached in-process: versions are immutable,
 * so a cached target can never be stale, and the hot path skips a query and a TLS handshake.
 * The brand check is cached with it. The API key is read here and lives only in the client.
 */
export function dbTargetResolver(database: Database): TargetResolver {
  const cache = new Map<string, Promise<GenerationTarget>>();

  async function load(brandId: string, versionId: string): Promise<GenerationTarget> {
    const [row] = await database
      .select({ version: modelVersions, model: models.slug, brand: brands.slug })
      .from(modelVersions)
      .innerJoin(models, eq(models.id, modelVersions.modelId))
      .innerJoin(brands, eq(brands.id, models.brandId))
      .where(
        and(
          eq(modelVersions.id, versionId),
          eq(models.brandId, brandId),
          eq(modelVersions.kind, "generation"),
        ),
      );
    if (!row) throw new AppError("not_found", "No such generation model version in this brand");
    const v = row.version;
    const policy = resiliencePolicySchema.parse(v.resilience);
    const apiKey = v.secretEnv
      ? (readSecretVariable(v.secretEnv) ?? null)
      : v.secretCiphertext
        ? openSecret(v.secretCiphertext)
        : null;
    const provider = createProvider({
      provider: v.provider!,
      baseUrl: v.baseUrl,
      modelName: v.modelName!,
      apiKey,
      parameters: generationParametersSchema.parse(v.parameters),
      sdkTimeoutMs: policy.deadlineMs + 1000,
    });
    return {
      versionId,
      labels: { brand: row.brand, model: row.model, version: v.tag },
      provider,
      policy,
      model: { name: v.modelName!, provider: v.provider! },
      prices: { inputPerMillion: v.priceInputPerMillion, outputPerMillion: v.priceOutputPerMillion },
    };
  }

  return (brandId, versionId) => {
    const key = `${brandId}:${versionId}`;
    let target = cache.get(key);
    if (!target) {
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
      target = load(brandId, versionId);
      // A failed lookup (not found, database down) must not stick.
      target.catch(() => cache.delete(key));
      cache.set(key, target);
    }
    return target;
  };
}
