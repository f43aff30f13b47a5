import { sql } from "drizzle-orm";
import { briefSchema, briefText } from "@/lib/generation/brief";
import { db } from "@/lib/db";
import { audienceSchema, type Audience } from "@/lib/personalisation/feature-schema";
import { collectCheckVerdicts } from "./collect-check-verdicts";
import type { DriftInputs } from "./measure-drift";

/**
 * The bounds on what one window reads. Each query walks at most `DRIFT_SCAN_LIMIT` of the
 * window's newest rows through the (brand, time) index and keeps a uniform random
 * `DRIFT_SAMPLE_SIZE` of them; the random pick is a bounded top-N sort, never the whole window.
 * A window busier than the scan limit is sampled from its newest part: that skews towards the
 * window's end, accepted because drift is about what is arriving now.
 *
 * 5,000 rows put PSI's sampling noise for a 10-bin feature near 0.004 (≈ (bins − 1)·(1/n + 1/m)),
 * far below the 0.1 warning band.
 */
export const DRIFT_SAMPLE_SIZE = 5_000;
export const DRIFT_SCAN_LIMIT = 50_000;

export interface LoadDriftInputsOptions {
  brandId: string;
  window: { start: Date; end: Date };
}

export async function loadDriftInputs({ brandId, window }: LoadDriftInputsOptions): Promise<DriftInputs> {
  const start = window.start.toISOString();
  const end = window.end.toISOString();
  const [exposures, briefs, revisions, runs] = await Promise.all([
    db().execute<{ audience: unknown }>(sql`
      select audience from (
        select audience from events
        where brand_id = ${brandId} and kind = 'exposure' and audience is not null
          and occurred_at >= ${start}::timestamptz and occurred_at < ${end}::timestamptz
        order by occurred_at desc limit ${DRIFT_SCAN_LIMIT}
      ) recent order by random() limit ${DRIFT_SAMPLE_SIZE}`),
    db().execute<{ brief: unknown }>(sql`
      select brief from (
        select brief from generations
        where brand_id = ${brandId}
          and created_at >= ${start}::timestamptz and created_at < ${end}::timestamptz
        order by created_at desc limit ${DRIFT_SCAN_LIMIT}
      ) recent order by random() limit ${DRIFT_SAMPLE_SIZE}`),
    db().execute<{ results: unknown }>(sql`
      select results from (
        select r.check_results as results from content_revisions r
        join content_items i on i.id = r.content_item_id
        where i.brand_id = ${brandId}
          and r.created_at >= ${start}::timestamptz and r.created_at < ${end}::timestamptz
        order by r.created_at desc limit ${DRIFT_SCAN_LIMIT}
      ) recent order by random() limit ${DRIFT_SAMPLE_SIZE}`),
    db().execute<{ results: unknown }>(sql`
      select results from (
        select results from check_runs
        where brand_id = ${brandId}
          and created_at >= ${start}::timestamptz and created_at < ${end}::timestamptz
        order by created_at desc limit ${DRIFT_SCAN_LIMIT}
      ) recent order by random() limit ${DRIFT_SAMPLE_SIZE}`),
  ]);

  const audiences: Audience[] = [];
  for (const row of exposures) {
    // Audiences the feature schema cannot read are what the model cannot read either: skipped.
    const parsed = audienceSchema.safeParse(row.audience);
    if (parsed.success) audiences.push(parsed.data);
  }

  const lengths: DriftInputs["briefs"] = [];
  for (const row of briefs) {
    const parsed = briefSchema.safeParse(row.brief);
    if (!parsed.success) continue;
    const text = briefText(parsed.data);
    lengths.push({ chars: text.length, words: text.split(/\s+/).filter(Boolean).length });
  }

  const checks: DriftInputs["checks"] = new Map();
  for (const row of [...revisions, ...runs]) {
    for (const [checkId, failed] of collectCheckVerdicts(row.results)) {
      const tally = checks.get(checkId) ?? { failed: 0, total: 0 };
      tally.total++;
      if (failed) tally.failed++;
      checks.set(checkId, tally);
    }
  }
  return { audiences, briefs: lengths, checks };
}
