import { sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { audienceSchema, variantSchema } from "@/lib/personalisation/feature-schema";
import type { TrainingEvent } from "@/lib/personalisation/train-logistic";

/** Enough for a logistic model; training holds each row densely in memory (see train-logistic). */
export const MAX_TRAINING_EVENTS = 200_000;

/**
 * Exposures in the window, each labelled 1 when the same unit clicked or converted on the
 * same content after it and before the window's end. Exposures without audience or variant
 * features cannot be encoded and are skipped (counted in `skipped`).
 */
export async function loadTrainingEvents(brandId: string, start: Date, end: Date) {
  const rows = await db().execute<{
    audience: unknown;
    variant: unknown;
    unit_key: string;
    outcome: boolean;
  }>(sql`
    select e.audience, e.variant, e.unit_key,
      exists (
        select 1 from events o
        where o.brand_id = e.brand_id and o.kind in ('click', 'conversion')
          and o.unit_key = e.unit_key and o.content_id is not distinct from e.content_id
          and o.occurred_at >= e.occurred_at and o.occurred_at < ${end.toISOString()}::timestamptz
      ) as outcome
    from events e
    where e.brand_id = ${brandId} and e.kind = 'exposure'
      and e.occurred_at >= ${start.toISOString()}::timestamptz and e.occurred_at < ${end.toISOString()}::timestamptz
    order by e.id
    limit ${MAX_TRAINING_EVENTS}`);
  const events: TrainingEvent[] = [];
  let skipped = 0;
  for (const row of rows) {
    const audience = audienceSchema.safeParse(row.audience);
    const variant = variantSchema.safeParse(row.variant);
    if (!audience.success || !variant.success) {
      skipped++;
      continue;
    }
    events.push({
      audience: audience.data,
      variant: variant.data,
      outcome: row.outcome ? 1 : 0,
      unitKey: row.unit_key,
    });
  }
  return { events, skipped };
}
