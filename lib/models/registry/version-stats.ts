import { and, eq, gt, ne, sql } from "drizzle-orm";
import { generationAttempts, models, modelVersions } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";

/**
 * Per generation version over the last day: calls, error rate and latency percentiles from
 * generation_attempts. Calls refused by an open breaker are left out of latency (they took
 * no time) but count as errors.
 */
export async function versionStats(principal: Principal | null, brandId: string) {
  authorize(principal, "models:manage", brandId);
  const since = new Date(Date.now() - 24 * 3600 * 1000);
  return db()
    .select({
      modelName: models.name,
      versionId: modelVersions.id,
      version: modelVersions.version,
      tag: modelVersions.tag,
      providerModel: modelVersions.modelName,
      attempts: sql<number>`count(${generationAttempts.versionId})::int`,
      errors: sql<number>`count(*) filter (where ${generationAttempts.outcome} <> 'ok')::int`,
      p50: sql<
        number | null
      >`percentile_cont(0.5) within group (order by ${generationAttempts.latencyMs}) filter (where ${generationAttempts.outcome} <> 'breaker_open')`,
      p95: sql<
        number | null
      >`percentile_cont(0.95) within group (order by ${generationAttempts.latencyMs}) filter (where ${generationAttempts.outcome} <> 'breaker_open')`,
    })
    .from(modelVersions)
    .innerJoin(models, eq(models.id, modelVersions.modelId))
    .leftJoin(
      generationAttempts,
      and(eq(generationAttempts.versionId, modelVersions.id), gt(generationAttempts.startedAt, since)),
    )
    .where(and(eq(models.brandId, brandId), ne(models.kind, "personalisation")))
    .groupBy(models.name, modelVersions.id, modelVersions.version, modelVersions.modelName)
    .orderBy(models.name, modelVersions.version);
}
