import { and, eq, gt, ne, sql } from "drizzle-orm";
import { generationAttempts, models, modelVersions } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";

/** The window the Models page reports over; the page names it. */
export const VERSION_STATS_WINDOW_HOURS = 24;

/**
 * Per generation version over the last day, from generation_attempts: calls, errors and latency
 * percentiles. A call is one attempt sent to the version, retries included; an error is a call
 * that failed (`error`, `timeout`, `stream_cut`). Two kinds of row are not calls and are counted
 * apart: `breaker_open` (refused by Brandgate's open circuit breaker, never sent; counting them as
 * failed calls inflated the rate, since one outage refuses every call that follows it) and
 * `aborted` (the caller went away: not the version's failure).
 */
export async function versionStats(principal: Principal | null, brandId: string) {
  authorize(principal, "models:manage", brandId);
  const since = new Date(Date.now() - VERSION_STATS_WINDOW_HOURS * 3600 * 1000);
  return db()
    .select({
      modelName: models.name,
      versionId: modelVersions.id,
      version: modelVersions.version,
      tag: modelVersions.tag,
      providerModel: modelVersions.modelName,
      calls: sql<number>`count(*) filter (where ${generationAttempts.outcome} not in ('breaker_open', 'aborted'))::int`,
      errors: sql<number>`count(*) filter (where ${generationAttempts.outcome} in ('error', 'timeout', 'stream_cut'))::int`,
      refused: sql<number>`count(*) filter (where ${generationAttempts.outcome} = 'breaker_open')::int`,
      abandoned: sql<number>`count(*) filter (where ${generationAttempts.outcome} = 'aborted')::int`,
      p50: sql<
        number | null
      >`percentile_cont(0.5) within group (order by ${generationAttempts.latencyMs}) filter (where ${generationAttempts.outcome} not in ('breaker_open', 'aborted'))`,
      p95: sql<
        number | null
      >`percentile_cont(0.95) within group (order by ${generationAttempts.latencyMs}) filter (where ${generationAttempts.outcome} not in ('breaker_open', 'aborted'))`,
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
