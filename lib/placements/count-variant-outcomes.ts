import { and, eq, inArray, sql } from "drizzle-orm";
import { events } from "@/db/schema";
import { db } from "@/lib/db";

export interface VariantOutcomes {
  exposures: number;
  clicks: number;
}

/** How long one count serves. Thompson sampling only needs the counts roughly right. */
export const OUTCOME_COUNTS_TTL_MS = 10_000;
/** Distinct (brand, variant set) counts kept; the oldest goes first. */
const MAX_ENTRIES = 1_000;

const cache = new Map<string, { at: number; counts: Promise<Map<string, VariantOutcomes>> }>();

/**
 * Exposures and clicks per variant over all time, for the Thompson choice of a unit's first
 * variant. The count reads every event of those variants, so its cost grows with the brand's
 * history (a sequential scan: 110 ms at 120,000 events, the soak's ten minutes of them). Run
 * for every new unit, as it was, the soak's 20 first visits a second would have needed two
 * cores of PostgreSQL by its end. One count per variant set now serves this process for
 * OUTCOME_COUNTS_TTL_MS, and concurrent callers share the one in flight. A failed count is
 * not kept.
 */
export function countVariantOutcomes(
  brandId: string,
  variantIds: readonly string[],
  now = Date.now(),
): Promise<Map<string, VariantOutcomes>> {
  const key = `${brandId}:${[...variantIds].sort().join(",")}`;
  const hit = cache.get(key);
  if (hit && now - hit.at < OUTCOME_COUNTS_TTL_MS) return hit.counts;
  const counts = query(brandId, variantIds);
  cache.delete(key);
  cache.set(key, { at: now, counts });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  counts.catch(() => {
    if (cache.get(key)?.counts === counts) cache.delete(key);
  });
  return counts;
}

async function query(brandId: string, ids: readonly string[]) {
  const rows = await db()
    .select({
      contentId: events.contentId,
      exposures: sql<number>`count(*) filter (where ${events.kind} = 'exposure')::int`,
      clicks: sql<number>`count(*) filter (where ${events.kind} = 'click')::int`,
    })
    .from(events)
    .where(
      and(
        eq(events.brandId, brandId),
        inArray(events.contentId, [...ids]),
        inArray(events.kind, ["exposure", "click"]),
      ),
    )
    .groupBy(events.contentId);
  return new Map(
    rows.map((r) => [r.contentId!, { exposures: Number(r.exposures), clicks: Number(r.clicks) }]),
  );
}
