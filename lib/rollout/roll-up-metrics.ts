/**
 * Adds the records that arrived since the last look to rollout_metric_rollups. Each source
 * keeps a watermark on the rollout row, so a look reads only rows past it, never the whole
 * history; the rollups and the watermarks are written in the caller's transaction, so a look
 * that fails leaves both as they were.
 *
 * Watermarks: bigserial ids for attempts and events, stopping before the first row stamped
 * after `now` (so a look "at" a time never counts rows from its future); creation times for
 * revisions and reviews, up to `now − SETTLE_MS`. Ids and default timestamps are taken before
 * commit, so a row committed late could fall behind a watermark already moved past it; the
 * settle lag makes that unlikely for the time-based sources, and for id-based sources it
 * needs a transaction to stay open across a whole look. Definitions: metrics.ts.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type { RolloutRow } from "@/db/schema";
import { LATENCY_BOUNDS_MS, type MetricId } from "./metrics";
import type { Watermarks } from "@/db/schema/json/rollout-config";

export type { Watermarks } from "@/db/schema/json/rollout-config";

const SETTLE_MS = 60_000;
/** Rounds a generation may take (lib/generation/run-generation.ts MAX_ROUNDS): its requests are `gen-<id>-r1…`. */
const MAX_ROUNDS = 3;
const MAX_BIGINT = "9223372036854775807";

interface RollupDelta {
  versionId: string;
  metric: MetricId;
  bucketStart: Date;
  n: number;
  sum: number;
  sumSquares: number;
  histogram?: number[];
}

export interface RollUpOptions {
  rollout: Pick<
    RolloutRow,
    "id" | "brandId" | "stableVersionId" | "candidateVersionId" | "startedAt" | "watermarks"
  > & { intervalSeconds: number };
  modelKind: "generation" | "personalisation";
  now: Date;
}

async function rows<T>(tx: Executor, query: SQL): Promise<T[]> {
  return (await tx.execute(query)) as unknown as T[];
}

/** Watermarks to start a rollout from: everything already recorded is history, not evidence. */
export async function initialWatermarks(tx: Executor, startedAt: Date): Promise<Watermarks> {
  const [r] = await rows<{ attempts: string; events: string }>(
    tx,
    sql`select (select coalesce(max(id), 0) from generation_attempts)::text as attempts,
               (select coalesce(max(id), 0) from events)::text as events`,
  );
  return {
    attempts: Number(r!.attempts),
    events: Number(r!.events),
    revisions: startedAt.toISOString(),
    reviews: startedAt.toISOString(),
    preferences: startedAt.toISOString(),
  };
}

export async function rollUpMetrics(tx: Executor, o: RollUpOptions): Promise<Watermarks> {
  const marks = { ...o.rollout.watermarks };
  const deltas: RollupDelta[] = [];
  const versions = sql`(${o.rollout.stableVersionId}::uuid, ${o.rollout.candidateVersionId}::uuid)`;
  const bucket = (column: SQL) =>
    sql`date_bin(make_interval(secs => ${o.rollout.intervalSeconds}), ${column}, ${o.rollout.startedAt.toISOString()}::timestamptz)`;
  const now = o.now.toISOString();
  const settled = new Date(o.now.getTime() - SETTLE_MS).toISOString();

  // Attempts: by id, up to the first row stamped after `now`.
  {
    const from = Number(marks.attempts ?? 0);
    const [range] = await rows<{ stop: string; top: string | null }>(
      tx,
      sql`with b as (select coalesce((select min(id) from generation_attempts where id > ${from} and started_at > ${now}::timestamptz), ${MAX_BIGINT}::bigint) as stop)
          select b.stop::text as stop, (select max(id) from generation_attempts where id > ${from} and id < b.stop)::text as top from b`,
    );
    if (range?.top) {
      const window = sql`id > ${from} and id < ${range.stop}::bigint and served_as = 'primary' and version_id in ${versions}`;
      const agg = await rows<{
        version_id: string;
        bucket: Date;
        requests: number;
        errors: number;
        ok: number;
        lat: number;
        lat2: number;
        tok: number;
        tok2: number;
      }>(
        tx,
        sql`select version_id, ${bucket(sql`started_at`)} as bucket,
              count(*) filter (where attempt = 1)::float8 as requests,
              count(*) filter (where attempt = 1 and outcome <> 'ok')::float8 as errors,
              count(*) filter (where outcome = 'ok')::float8 as ok,
              coalesce(sum(latency_ms) filter (where outcome = 'ok'), 0)::float8 as lat,
              coalesce(sum(latency_ms::float8 * latency_ms) filter (where outcome = 'ok'), 0)::float8 as lat2,
              coalesce(sum(coalesce(tokens_in, 0) + coalesce(tokens_out, 0)) filter (where outcome = 'ok'), 0)::float8 as tok,
              coalesce(sum((coalesce(tokens_in, 0) + coalesce(tokens_out, 0))::float8 ^ 2) filter (where outcome = 'ok'), 0)::float8 as tok2
            from generation_attempts where ${window} group by 1, 2`,
      );
      const hist = await rows<{ version_id: string; bucket: Date; hb: number; c: number }>(
        tx,
        sql`select version_id, ${bucket(sql`started_at`)} as bucket,
              width_bucket(latency_ms, ${`{${LATENCY_BOUNDS_MS.join(",")}}`}::int[]) as hb, count(*)::float8 as c
            from generation_attempts where ${window} and outcome = 'ok' group by 1, 2, 3`,
      );
      // Indexed by (version, bucket): matching each aggregate row against every histogram
      // row was quadratic — ~11 s of CPU for a week's backlog of 5-minute buckets (bench:rollout).
      const emptyHistogram = () => new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0);
      const histograms = new Map<string, number[]>();
      for (const h of hist) {
        const key = `${h.version_id} ${new Date(h.bucket).getTime()}`;
        const histogram = histograms.get(key) ?? emptyHistogram();
        histogram[h.hb] = Number(h.c);
        histograms.set(key, histogram);
      }
      for (const a of agg) {
        const at = new Date(a.bucket);
        const histogram = histograms.get(`${a.version_id} ${at.getTime()}`) ?? emptyHistogram();
        const base = { versionId: a.version_id, bucketStart: at };
        deltas.push(
          { ...base, metric: "error_rate", n: a.requests, sum: a.errors, sumSquares: a.errors },
          { ...base, metric: "latency_ms", n: a.ok, sum: a.lat, sumSquares: a.lat2, histogram },
          { ...base, metric: "tokens", n: a.ok, sum: a.tok, sumSquares: a.tok2 },
        );
      }
      marks.attempts = Number(range.top);
    }
  }

  // Events: by id, joined to the version that produced or chose the content.
  {
    const from = Number(marks.events ?? 0);
    const [range] = await rows<{ stop: string; top: string | null }>(
      tx,
      sql`with b as (select coalesce((select min(id) from events where id > ${from} and occurred_at > ${now}::timestamptz), ${MAX_BIGINT}::bigint) as stop)
          select b.stop::text as stop, (select max(id) from events where id > ${from} and id < b.stop)::text as top from b`,
    );
    if (range?.top) {
      const version =
        o.modelKind === "generation"
          ? sql`select r.model_version_id as version_id from content_items ci
                  join content_revisions r on r.id = ci.current_revision_id where ci.id = e.content_id`
          : sql`select pa.model_version_id as version_id from placement_assignments pa
                  join placements p on p.id = pa.placement_id
                  where p.brand_id = e.brand_id and pa.unit_key = e.unit_key and pa.content_item_id = e.content_id
                    and pa.model_version_id is not null limit 1`;
      const agg = await rows<{
        version_id: string;
        bucket: Date;
        kind: string;
        c: number;
        v: number;
        v2: number;
      }>(
        tx,
        sql`select v.version_id, ${bucket(sql`e.occurred_at`)} as bucket, e.kind::text as kind,
              count(*)::float8 as c, sum(e.value)::float8 as v, sum(e.value * e.value)::float8 as v2
            from events e cross join lateral (${version}) v
            where e.id > ${from} and e.id < ${range.stop}::bigint and e.brand_id = ${o.rollout.brandId}
              and v.version_id in ${versions}
            group by 1, 2, 3`,
      );
      for (const a of agg) {
        const base = { versionId: a.version_id, bucketStart: new Date(a.bucket) };
        if (a.kind === "exposure") {
          for (const metric of ["ctr", "conversion_rate", "value_per_exposure"] as const)
            deltas.push({ ...base, metric, n: a.c, sum: 0, sumSquares: 0 });
        } else if (a.kind === "click") {
          deltas.push({ ...base, metric: "ctr", n: 0, sum: a.c, sumSquares: a.c });
        } else {
          deltas.push(
            { ...base, metric: "conversion_rate", n: 0, sum: a.c, sumSquares: a.c },
            { ...base, metric: "value_per_exposure", n: 0, sum: a.v, sumSquares: a.v2 },
          );
        }
      }
      marks.events = Number(range.top);
    }
  }

  // Revisions: first revisions written by either version, by creation time.
  {
    const from = String(marks.revisions ?? o.rollout.startedAt.toISOString());
    if (settled > from) {
      const agg = await rows<{
        version_id: string;
        bucket: Date;
        n: number;
        passed: number;
        score: number;
        score2: number;
        regen: number;
      }>(
        tx,
        sql`select r.model_version_id as version_id, ${bucket(sql`r.created_at`)} as bucket, count(*)::float8 as n,
              count(*) filter (where not r.blocked)::float8 as passed,
              sum(r.score)::float8 as score, sum(r.score::float8 * r.score)::float8 as score2,
              count(*) filter (where jsonb_array_length(g.rounds) > 1)::float8 as regen
            from content_revisions r left join generations g on g.id = r.generation_id
            where r.created_at > ${from}::timestamptz and r.created_at <= ${settled}::timestamptz
              and r.number = 1 and r.model_version_id in ${versions}
            group by 1, 2`,
      );
      for (const a of agg) {
        const base = { versionId: a.version_id, bucketStart: new Date(a.bucket), n: a.n };
        deltas.push(
          { ...base, metric: "check_pass_rate", sum: a.passed, sumSquares: a.passed },
          { ...base, metric: "compliance_score", sum: a.score, sumSquares: a.score2 },
          { ...base, metric: "regeneration_rate", sum: a.regen, sumSquares: a.regen },
        );
      }
      marks.revisions = settled;
    }
  }

  // Reviews: terminal review outcomes of revisions written by either version.
  {
    const from = String(marks.reviews ?? o.rollout.startedAt.toISOString());
    if (settled > from) {
      const agg = await rows<{
        version_id: string;
        bucket: Date;
        n: number;
        ok: number;
        secs: number;
        secs2: number;
      }>(
        tx,
        sql`select r.model_version_id as version_id, ${bucket(sql`d.created_at`)} as bucket,
              count(*)::float8 as n, count(*) filter (where d.action = 'published')::float8 as ok,
              coalesce(sum(extract(epoch from d.created_at - r.created_at)) filter (where d.action = 'published'), 0)::float8 as secs,
              coalesce(sum(extract(epoch from d.created_at - r.created_at) ^ 2) filter (where d.action = 'published'), 0)::float8 as secs2
            from review_decisions d join content_revisions r on r.id = d.revision_id
            where d.created_at > ${from}::timestamptz and d.created_at <= ${settled}::timestamptz
              and d.action in ('published', 'rejected', 'changes_requested') and r.model_version_id in ${versions}
            group by 1, 2`,
      );
      for (const a of agg) {
        const base = { versionId: a.version_id, bucketStart: new Date(a.bucket) };
        deltas.push(
          { ...base, metric: "approval_rate", n: a.n, sum: a.ok, sumSquares: a.ok },
          { ...base, metric: "time_to_approval_s", n: a.ok, sum: a.secs, sumSquares: a.secs2 },
        );
      }
      // What the generation behind each published item cost, all its rounds (metrics.ts).
      const costs = await rows<{ version_id: string; bucket: Date; n: number; cost: number; cost2: number }>(
        tx,
        sql`select r.model_version_id as version_id, ${bucket(sql`d.created_at`)} as bucket,
              count(*)::float8 as n, sum(c.usd)::float8 as cost, sum(c.usd ^ 2)::float8 as cost2
            from review_decisions d join content_revisions r on r.id = d.revision_id
            cross join lateral (
              select coalesce(sum(a.cost_micro_usd), 0)::float8 / 1000000 as usd from generation_attempts a
              where a.request_id in (select 'gen-' || r.generation_id || '-r' || i from generate_series(1, ${MAX_ROUNDS}::int) i)
            ) c
            where d.created_at > ${from}::timestamptz and d.created_at <= ${settled}::timestamptz
              and d.action = 'published' and r.generation_id is not null and r.model_version_id in ${versions}
            group by 1, 2`,
      );
      for (const c of costs)
        deltas.push({
          versionId: c.version_id,
          bucketStart: new Date(c.bucket),
          metric: "cost_per_approved_item",
          n: c.n,
          sum: c.cost,
          sumSquares: c.cost2,
        });
      marks.reviews = settled;
    }
  }

  // Preferences: blind comparisons of the candidate's shadow outputs with stable's answers.
  {
    const from = String(marks.preferences ?? o.rollout.startedAt.toISOString());
    if (settled > from) {
      const agg = await rows<{ bucket: Date; n: number; score: number; score2: number }>(
        tx,
        sql`select ${bucket(sql`p.created_at`)} as bucket, count(*)::float8 as n,
              sum(case p.verdict when 'better' then 1 when 'same' then 0.5 else 0 end)::float8 as score,
              sum(case p.verdict when 'better' then 1 when 'same' then 0.25 else 0 end)::float8 as score2
            from shadow_preferences p join shadow_outputs so on so.id = p.shadow_output_id
            where p.created_at > ${from}::timestamptz and p.created_at <= ${settled}::timestamptz
              and p.brand_id = ${o.rollout.brandId}
              and so.version_id = ${o.rollout.candidateVersionId} and so.primary_version_id = ${o.rollout.stableVersionId}
            group by 1`,
      );
      for (const a of agg) {
        const bucketStart = new Date(a.bucket);
        // Stable's side of the same judgments: 1 − s, whose square sums to n − 2Σs + Σs².
        deltas.push(
          {
            versionId: o.rollout.candidateVersionId,
            metric: "preference_rate",
            bucketStart,
            n: a.n,
            sum: a.score,
            sumSquares: a.score2,
          },
          {
            versionId: o.rollout.stableVersionId,
            metric: "preference_rate",
            bucketStart,
            n: a.n,
            sum: a.n - a.score,
            sumSquares: a.n - 2 * a.score + a.score2,
          },
        );
      }
      marks.preferences = settled;
    }
  }

  await addToRollups(tx, o.rollout.id, deltas);
  return marks;
}

/** Rows per upsert statement; a week's backlog in 5-minute buckets is ~24,000 rows. */
const UPSERT_ROWS = 2_000;

/**
 * Adds the deltas to their rollup rows, UPSERT_ROWS rows per statement: one statement per
 * delta was ~36,000 round trips for a week's backlog. Deltas for the same row — a bucket's
 * exposures and its clicks both feed `ctr` — are summed first: one statement may not
 * update a row twice.
 */
async function addToRollups(tx: Executor, rolloutId: string, deltas: RollupDelta[]): Promise<void> {
  const merged = new Map<string, RollupDelta>();
  for (const d of deltas) {
    const key = `${d.versionId} ${d.metric} ${d.bucketStart.getTime()}`;
    const m = merged.get(key);
    if (!m) {
      merged.set(key, { ...d });
      continue;
    }
    m.n += d.n;
    m.sum += d.sum;
    m.sumSquares += d.sumSquares;
    if (d.histogram) m.histogram = m.histogram?.map((c, i) => c + (d.histogram![i] ?? 0)) ?? d.histogram;
  }
  const rows = [...merged.values()].map((d) => ({
    version_id: d.versionId,
    metric: d.metric,
    bucket_start: d.bucketStart.toISOString(),
    n: d.n,
    sum: d.sum,
    sum_squares: d.sumSquares,
    histogram: d.histogram ?? null,
  }));
  for (let i = 0; i < rows.length; i += UPSERT_ROWS)
    await upsertRollups(tx, rolloutId, rows.slice(i, i + UPSERT_ROWS));
}

async function upsertRollups(tx: Executor, rolloutId: string, rows: object[]): Promise<void> {
  await tx.execute(sql`
    insert into rollout_metric_rollups as r (rollout_id, version_id, metric, bucket_start, n, sum, sum_squares, histogram)
    select ${rolloutId}::uuid, version_id, metric, bucket_start, n, sum, sum_squares, histogram
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
      version_id uuid, metric text, bucket_start timestamptz, n float8, sum float8, sum_squares float8, histogram int[])
    on conflict (rollout_id, version_id, metric, bucket_start) do update set
      n = r.n + excluded.n, sum = r.sum + excluded.sum, sum_squares = r.sum_squares + excluded.sum_squares,
      histogram = case when r.histogram is null then excluded.histogram when excluded.histogram is null then r.histogram
        else (select array_agg(coalesce(a, 0) + coalesce(b, 0) order by i)
              from unnest(r.histogram, excluded.histogram) with ordinality as u(a, b, i)) end`);
}
