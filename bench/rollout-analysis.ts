/**
 * `npm run bench:rollout`: one rollout look (`analyseRollout`, the job's real function) over a
 * rollout with BENCH_EVENTS (10 million) events behind it, read from the rollups (issue 9:
 * under 1 s), against floors measured in the same run.
 *
 * On a scratch database on PostgreSQL (BENCH_PG_URL, dropped at the end): a generation model
 * with a stable and a candidate version, an A/B rollout at 50% (primary CTR; error rate and
 * latency as guardrails; 5-minute looks), CONTENT_ITEMS content items whose current revisions
 * the two versions wrote (half each), then BENCH_EVENTS events (88% exposures, 10% clicks,
 * 2% conversions) and BENCH_ATTEMPTS model call attempts (N / 10), spread over 7 days,
 * written by INSERT … SELECT generate_series. The arms behave identically, so every look
 * decides `hold` and the rollout stays live for the next one.
 *
 * Timed, each reported on its own:
 * - the load (secondary indexes dropped for it and rebuilt after, then VACUUM ANALYZE);
 * - the roll-up of the whole backlog at once (`rollUpMetrics`, as the first look runs it);
 * - BENCH_LOOKS looks with nothing new since the last, and looks after one interval's worth
 *   of new rows (what each 5-minute look finds at this rate), p50 and max;
 * - floors: a `select 1` round trip, and one read of the rollout's rollup rows;
 * - the same totals aggregated from the raw rows (one query per source), as a look without
 *   rollups would have to.
 *
 *   BENCH_EVENTS=10000000 BENCH_LOOKS=20 npm run bench:rollout
 */
import os from "node:os";
import postgres from "postgres";
import { percentile } from "./events/load";
import { createScratchDatabase } from "./scratch-database";

const N = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const ATTEMPTS = Number(process.env.BENCH_ATTEMPTS ?? Math.round(N / 10));
const LOOKS = Number(process.env.BENCH_LOOKS ?? 20);
const GOAL_MS = 1000;
const INTERVAL_S = 300;
const DAYS = 7;
const CONTENT_ITEMS = 1000;
const CHUNK = 1_000_000;

const scratch = await createScratchDatabase("rollout");
const { url: dbUrl } = scratch;
// The fixture's model versions point at 127.0.0.1; nothing calls them.
process.env.MODEL_ALLOW_PRIVATE_BASE_URLS ??= "1";
const sql = postgres(dbUrl, { max: 2, onnotice: () => {} });

let exitCode = 0;
try {
  await scratch.migrate();
  const { eq } = await import("drizzle-orm");
  const { rollouts } = await import("@/db/schema");
  const { db, closeDb } = await import("@/lib/db");
  const { analyseRollout } = await import("@/lib/rollout/analyse-rollout");
  const { rollUpMetrics } = await import("@/lib/rollout/roll-up-metrics");

  const t0 = new Date(Date.UTC(2030, 0, 1));
  const dataEnd = new Date(t0.getTime() + DAYS * 86_400_000);
  const seed = await seedRollout(t0);
  const ms = (from: number) => performance.now() - from;
  const fmtS = (msValue: number) => `${(msValue / 1000).toFixed(1)} s`;

  console.log(
    `Rollout analysis bench: ${N.toLocaleString("en")} events + ${ATTEMPTS.toLocaleString("en")} attempts over ${DAYS} days, ${INTERVAL_S}s looks`,
  );
  console.log(
    `${os.cpus()[0]?.model ?? "?"}, ${os.cpus().length} cores, node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log((await sql<{ v: string }[]>`select version() as v`)[0]!.v);

  // ---- the load ----------------------------------------------------------------------------
  // Secondary indexes go while the rows go in and are rebuilt after: one sort per index
  // instead of ten million random insertions each. The primary keys stay.
  const loadStart = performance.now();
  const indexes = await sql<{ name: string; def: string }[]>`
    select indexname as name, indexdef as def from pg_indexes
    where tablename in ('events', 'generation_attempts') and indexname not like '%_pkey'`;
  for (const i of indexes) await sql.unsafe(`drop index ${i.name}`);
  const insertEvents = (from: number, to: number, start: Date, seconds: number, total: number) => sql`
    insert into events (brand_id, kind, unit_key, content_id, value, occurred_at)
    select ${seed.brandId}::uuid,
      (case when g % 100 < 88 then 'exposure' when g % 100 < 98 then 'click' else 'conversion' end)::event_kind,
      'u-' || (g % 1000000),
      (${seed.contentIds}::uuid[])[1 + g % ${CONTENT_ITEMS}],
      case when g % 100 >= 98 then 20 + g % 50 else 0 end,
      ${start.toISOString()}::timestamptz + ((g - ${from})::float8 / ${total}) * make_interval(secs => ${seconds})
    from generate_series(${from}::bigint, ${to}::bigint) g`;
  // Arms alternate with g's parity (content items alternate versions too), so both see the
  // same kinds, latencies and errors in the same proportions: every look holds.
  const insertAttempts = (from: number, to: number, start: Date, seconds: number, total: number) => sql`
    insert into generation_attempts (version_id, request_id, attempt, served_as, started_at, latency_ms, tokens_in, tokens_out, outcome)
    select case when g % 2 = 0 then ${seed.stableId}::uuid else ${seed.candidateId}::uuid end,
      'r-' || g, 1, 'primary',
      ${start.toISOString()}::timestamptz + ((g - ${from})::float8 / ${total}) * make_interval(secs => ${seconds}),
      200 + (g * 7919) % 600, 100, 200,
      (case when g % 100 < 2 then 'error' else 'ok' end)::attempt_outcome
    from generate_series(${from}::bigint, ${to}::bigint) g`;
  for (let from = 0; from < N; from += CHUNK) {
    const to = Math.min(N, from + CHUNK) - 1;
    await insertEvents(
      from,
      to,
      new Date(t0.getTime() + (from / N) * DAYS * 86_400_000),
      ((to - from + 1) / N) * DAYS * 86_400,
      to - from + 1,
    );
    process.stdout.write(`  events ${(to + 1).toLocaleString("en")} (${fmtS(ms(loadStart))})\r`);
  }
  for (let from = 0; from < ATTEMPTS; from += CHUNK) {
    const to = Math.min(ATTEMPTS, from + CHUNK) - 1;
    await insertAttempts(
      from,
      to,
      new Date(t0.getTime() + (from / ATTEMPTS) * DAYS * 86_400_000),
      ((to - from + 1) / ATTEMPTS) * DAYS * 86_400,
      to - from + 1,
    );
  }
  const insertedMs = ms(loadStart);
  for (const i of indexes) await sql.unsafe(i.def);
  await sql.unsafe("vacuum analyze events");
  await sql.unsafe("vacuum analyze generation_attempts");
  const loadMs = ms(loadStart);
  const size = (await sql<{ s: string }[]>`select pg_size_pretty(pg_total_relation_size('events')) as s`)[0]!
    .s;
  console.log(
    `\nload: ${fmtS(loadMs)} (rows ${fmtS(insertedMs)}, ${(((N + ATTEMPTS) / insertedMs) * 1000).toFixed(0)} rows/s; indexes and VACUUM ANALYZE ${fmtS(loadMs - insertedMs)}); events ${size} with indexes`,
  );

  // ---- the roll-up of the backlog ----------------------------------------------------------
  const rollupNow = new Date(dataEnd.getTime() + 3_600_000);
  const rollupStart = performance.now();
  await db().transaction(async (tx) => {
    const [r] = await tx.select().from(rollouts).where(eq(rollouts.id, seed.rolloutId));
    const watermarks = await rollUpMetrics(tx, {
      rollout: { ...r!, intervalSeconds: INTERVAL_S },
      modelKind: "generation",
      now: rollupNow,
    });
    await tx.update(rollouts).set({ watermarks }).where(eq(rollouts.id, seed.rolloutId));
  });
  const rollupMs = ms(rollupStart);
  const rollupRows = Number(
    (
      await sql<
        { n: string }[]
      >`select count(*) as n from rollout_metric_rollups where rollout_id = ${seed.rolloutId}`
    )[0]!.n,
  );
  console.log(
    `roll-up of the whole backlog: ${fmtS(rollupMs)}, ${rollupRows.toLocaleString("en")} rollup rows`,
  );

  // ---- floors and looks --------------------------------------------------------------------
  const timeIt = async (runs: number, f: () => Promise<unknown>) => {
    const t: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      await f();
      t.push(ms(s));
    }
    return Float64Array.from(t).sort();
  };
  const { sql: dsql } = await import("drizzle-orm");
  const selectOne = () => db().execute(dsql`select 1`);
  const readRollups = () =>
    db().execute(dsql`
      select version_id, metric, sum(n)::float8, sum(sum)::float8, sum(sum_squares)::float8
      from rollout_metric_rollups where rollout_id = ${seed.rolloutId} group by 1, 2`);
  await timeIt(20, selectOne);
  await timeIt(5, readRollups);
  const floorsBefore = { one: await timeIt(50, selectOne), rollups: await timeIt(20, readRollups) };

  const decisions = new Map<string, number>();
  let lookAt = rollupNow.getTime();
  const look = async () => {
    lookAt += INTERVAL_S * 1000;
    const r = await analyseRollout({
      actor: { kind: "system" },
      rolloutId: seed.rolloutId,
      now: new Date(lookAt),
    });
    const d = r.looked ? r.decision : `not looked (${r.reason})`;
    decisions.set(d, (decisions.get(d) ?? 0) + 1);
  };
  await look(); // warm-up: JIT and the first plans; counted in decisions, not timed
  const idle = await timeIt(LOOKS, look);
  // One interval of new rows before each look, at the backlog's own rate.
  const perIntervalEvents = Math.round(N / ((DAYS * 86_400) / INTERVAL_S));
  const perIntervalAttempts = Math.round(ATTEMPTS / ((DAYS * 86_400) / INTERVAL_S));
  let nextEvent = N;
  let nextAttempt = ATTEMPTS;
  const fresh: number[] = [];
  for (let i = 0; i < Math.max(3, Math.round(LOOKS / 4)); i++) {
    const from = new Date(lookAt);
    await insertEvents(nextEvent, nextEvent + perIntervalEvents - 1, from, INTERVAL_S, perIntervalEvents);
    await insertAttempts(
      nextAttempt,
      nextAttempt + perIntervalAttempts - 1,
      from,
      INTERVAL_S,
      perIntervalAttempts,
    );
    nextEvent += perIntervalEvents;
    nextAttempt += perIntervalAttempts;
    // The look comes an interval later than the rows' start, so they are all in its past.
    fresh.push(...(await timeIt(1, look)));
  }
  const freshSorted = Float64Array.from(fresh).sort();
  const floorsAfter = { one: await timeIt(50, selectOne), rollups: await timeIt(20, readRollups) };
  // Floors before and after the looks, together: the machine's load moves during a run.
  const floors = {
    one: Float64Array.from([...floorsBefore.one, ...floorsAfter.one]).sort(),
    rollups: Float64Array.from([...floorsBefore.rollups, ...floorsAfter.rollups]).sort(),
  };
  const floor = { one: percentile(floors.one, 0.5), rollups: percentile(floors.rollups, 0.5) };

  // ---- the same totals from the raw rows ---------------------------------------------------
  const rawEvents = () => sql`
    select r.model_version_id, e.kind, count(*), sum(e.value), sum(e.value * e.value)
    from events e join content_items ci on ci.id = e.content_id
      join content_revisions r on r.id = ci.current_revision_id
    where e.brand_id = ${seed.brandId} and r.model_version_id in (${seed.stableId}, ${seed.candidateId})
    group by 1, 2`;
  const rawAttempts = () => sql`
    select version_id, count(*) filter (where attempt = 1), count(*) filter (where attempt = 1 and outcome <> 'ok'),
      count(*) filter (where outcome = 'ok'), sum(latency_ms) filter (where outcome = 'ok'),
      sum(latency_ms::float8 * latency_ms) filter (where outcome = 'ok')
    from generation_attempts where served_as = 'primary' and version_id in (${seed.stableId}, ${seed.candidateId})
    group by 1`;
  const raw = await timeIt(2, async () => {
    await rawEvents();
    await rawAttempts();
  });

  // ---- the report --------------------------------------------------------------------------
  const p50 = percentile(idle, 0.5);
  const row = (name: string, t: Float64Array, ratio = true) =>
    `| ${name} | ${t.length} | ${percentile(t, 0.5).toFixed(2)} | ${t[t.length - 1]!.toFixed(2)} | ${ratio ? `${(percentile(t, 0.5) / floor.one).toFixed(1)}× / ${(percentile(t, 0.5) / floor.rollups).toFixed(1)}×` : ""} |`;
  console.log(`\n| what | runs | p50 ms | max ms | p50 ÷ select 1 / ÷ rollup read |`);
  console.log(`| --- | ---: | ---: | ---: | ---: |`);
  console.log(row("`select 1` round trip (floor)", floors.one, false));
  console.log(row("one read of the rollup rows (floor)", floors.rollups, false));
  console.log(row("look, nothing new since the last", idle));
  console.log(
    row(
      `look after one interval of new rows (${perIntervalEvents} events, ${perIntervalAttempts} attempts)`,
      freshSorted,
    ),
  );
  console.log(row("the same totals from the raw rows (2 queries)", raw));
  console.log(
    `\nroll-up of the backlog (${(N + ATTEMPTS).toLocaleString("en")} rows, once): ${fmtS(rollupMs)}; raw aggregate ÷ look: ${(percentile(raw, 0.5) / p50).toFixed(0)}×`,
  );
  console.log(`decisions: ${[...decisions].map(([d, n]) => `${d} ×${n}`).join(", ")}`);
  const held = Math.max(idle[idle.length - 1]!, freshSorted[freshSorted.length - 1]!) < GOAL_MS;
  console.log(
    `Goal: a look over ${N.toLocaleString("en")} events under ${GOAL_MS} ms (every look, max): ${held ? "held" : "NOT held"}`,
  );
  console.log(
    `load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  await closeDb();
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  await sql.end({ timeout: 5 });
  await scratch.drop();
}
process.exit(exitCode);

/** The brand, model, content and rollout, through lib where lib has a way. */
async function seedRollout(t0: Date) {
  const { contentItems, contentRevisions } = await import("@/db/schema");
  const { db } = await import("@/lib/db");
  const { DEMO_KIT } = await import("@/lib/brand/kit");
  const { saveKitVersion } = await import("@/lib/brand/kits/save-kit-version");
  const { seedStarterTemplates } = await import("@/lib/templates/versions/seed-starter-templates");
  const { listTemplates } = await import("@/lib/templates/versions/list-templates");
  const { startRollout } = await import("@/lib/rollout/start-rollout");
  const { adminBrand, generationModel } = await import("@/lib/rollout/testing/rollout-fixtures");
  const { brand, session, user } = await adminBrand();
  const m = await generationModel(session, brand.id);
  const kit = await saveKitVersion(session, { brandId: brand.id, baseVersion: null, content: DEMO_KIT });
  await seedStarterTemplates(db(), brand.id, user.id);
  const template = (await listTemplates(session, brand.id))[0]!;
  const items = await db()
    .insert(contentItems)
    .values(
      Array.from({ length: CONTENT_ITEMS }, (_, i) => ({
        brandId: brand.id,
        templateId: template.template.id,
        channel: template.template.channel,
        title: `bench ${i}`,
        status: "approved" as const,
      })),
    )
    .returning({ id: contentItems.id });
  // Item i's revision was written by the stable version for even i, the candidate for odd.
  const revisions = await db()
    .insert(contentRevisions)
    .values(
      items.map((item, i) => ({
        contentItemId: item.id,
        number: 1,
        slots: { post: `bench ${i}` },
        rendered: { text: `bench ${i}` },
        kitVersionId: kit.id,
        templateVersionId: template.versions[0]!.versionId,
        modelVersionId: i % 2 === 0 ? m.stableId : m.candidateId,
        checkResults: {},
        score: 90,
        blocked: false,
        legalReview: false,
        contentHash: "f".repeat(64),
        createdAt: new Date(t0.getTime() + 60_000),
      })),
    )
    .returning({ id: contentRevisions.id, contentItemId: contentRevisions.contentItemId });
  const { sql: dsql } = await import("drizzle-orm");
  await db().execute(dsql`
    update content_items ci set current_revision_id = r.id
    from content_revisions r where r.content_item_id = ci.id and ci.brand_id = ${brand.id}`);
  const rollout = await startRollout(session, {
    brandId: brand.id,
    modelId: m.model.id,
    candidateVersionId: m.candidateId,
    strategy: "ab",
    config: {
      abWeight: 50,
      minSamplesPerArm: 1000,
      // Identical arms never promote, but a long minimum duration makes sure of it.
      minDurationMinutes: 60 * 24 * 90,
      primaryMetric: "ctr",
      guardrails: [
        { metric: "error_rate", tolerance: 0.01 },
        { metric: "latency_ms", tolerance: 50 },
      ],
      intervalSeconds: INTERVAL_S,
    },
    now: t0,
  });
  return {
    brandId: brand.id,
    stableId: m.stableId,
    candidateId: m.candidateId,
    rolloutId: rollout.id,
    // Ordered so that content index i (1-based in SQL: 1 + g % CONTENT_ITEMS) is item i.
    contentIds: revisions.map((r) => r.contentItemId),
  };
}
