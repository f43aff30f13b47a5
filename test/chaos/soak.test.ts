/**
 * Issue 10, item 13: the soak. Brandgate's API in its own process takes an open-loop mixed
 * load at a steady rate for CHAOS_SOAK_SECONDS (600): content reads by id and lists, placement
 * reads for many units, event batches, brand checks and governed chat completions against an
 * instant upstream. Every 5 s the server reports its memory over IPC and the window's latency
 * percentiles are taken. Afterwards: no request failed, RSS and the retained heap grew less
 * than 10 % after the warm-up, p99 held, and every acknowledged event is in the database.
 * The curves go to `bench/results/soak-<time>.html` (inline SVG) with the samples as JSON.
 *
 * Open loop: requests leave on a clock, not when the previous one returns, so a slow server
 * meets the same arrival rate instead of a politely slower client (no coordinated omission).
 * Latency is measured from the moment each request was sent, by `performance.now()`.
 *
 *   CHAOS_SOAK_SECONDS=90 CHAOS_SOAK_RPS=100 (defaults 600 and 60)
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events } from "@/db/schema";
import { db } from "@/lib/db";
import { startFaultyUpstream } from "@/lib/models/testing/faulty-upstream";
import { DEMO_MODEL_NAME } from "@/lib/models/seed-demo-models";
import { spawnEntry, waitFor, type Spawned } from "@/test/spawn";
import { machineCpu, machineShares } from "./support/machine-cpu";
import { median, percentile, round1, startOpenLoop } from "./support/open-loop";
import { renderSoakHtml, type SoakSample } from "./support/soak-chart";
import { seedSoakBrand } from "./support/soak-world";
import type { MemoryReport } from "./support/soak-server";

const DURATION_S = Number(process.env.CHAOS_SOAK_SECONDS ?? 600);
/**
 * What 2 shared cores carry with room to spare. The server spends about 4 ms of CPU per
 * request of this mix (PostgreSQL another 1–2), so 60 req/s is a third of a core. At 100
 * req/s memory, p99 and events held over 10 minutes, but whenever other sessions' tests and
 * benches pushed the load average past ~9 the server was starved for seconds, its pool backed
 * up, and the database guard answered bursts of 503 (a pool stalled 1.5 s counts as
 * unreachable); at 120–160 req/s that happened most minutes. Raise it on a quiet machine.
 */
const RPS = Number(process.env.CHAOS_SOAK_RPS ?? 60);
const SAMPLE_S = 5;
/** JIT, pools, caches and V8's heap sizing settle first; 60 s, or 10 % of a shorter run. */
const WARMUP_S = Math.min(60, Math.round(DURATION_S * 0.1));
/** The growth comparison's windows: the first and last minute after the warm-up (less on short runs). */
const COMPARE_S = Math.min(60, Math.floor((DURATION_S - WARMUP_S) / 3));
const MAX_GROWTH = 0.1;
const REQUEST_TIMEOUT_MS = 30_000;
/** Open loop, but not unbounded: past this many in flight the server is not keeping up. */
const MAX_IN_FLIGHT = 1_000;
const EVENTS_PER_BATCH = 5;
const ITEMS = 24;
/** Returning units; half of the placement reads are first visits by new ones. */
const UNITS = 2_000;
const PLACEMENT_KEYS = ["soak-hero", "soak-banner", "soak-footer"];
/** Copy the demo kit's checks pass, so chat answers are served, not withheld. */
const SAFE_COPY = "Our new rain jacket keeps weekend hikers dry on every trail.";

type Kind = "content" | "list" | "placement" | "events" | "checks" | "chat";
/** One cycle of the mix: per 16 requests, 4 reads by id, 2 lists, 4 placement reads, 3 event batches, 2 checks, 1 chat. */
const MIX = (
  "content placement events list content checks placement events " +
  "content placement chat list content placement events checks"
).split(" ") as Kind[];

let server: Spawned;
let baseUrl: string;
let brandId: string;
let key: string;
let itemIds: string[];
/** Each placement's variants: a placement read must serve one of its own. */
let variantsOf: Map<string, string[]>;
const upstream = await startFaultyUpstream([
  { kind: "ok", text: SAFE_COPY, json: JSON.stringify({ post: SAFE_COPY }) },
]);

beforeAll(async () => {
  ({ brandId, itemIds, variantsOf, key } = await seedSoakBrand({
    items: ITEMS,
    placementKeys: PLACEMENT_KEYS,
  }));
  // --expose-gc: each memory report forces a full GC to read the retained heap (see soak-server.ts).
  server = spawnEntry(
    "test/chaos/support/soak-server.ts",
    { MODEL_BASE_URL: upstream.baseUrl, NODE_ENV: "production", LOG_LEVEL: "warn" },
    ["--expose-gc"],
  );
  const port = new Promise<number>((resolve) =>
    server.child.on(
      "message",
      (m: { type?: string; port?: number }) => m?.type === "ready" && resolve(m.port!),
    ),
  );
  await server.ready;
  baseUrl = `http://127.0.0.1:${await port}`;
});

afterAll(async () => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.send({ type: "stop" });
    const stopped = await Promise.race([server.exited, new Promise((r) => setTimeout(r, 10_000, null))]);
    if (!stopped) server.child.kill("SIGKILL");
  }
  await upstream.close();
});

let seq = 0;
function memory(): Promise<MemoryReport> {
  const mine = ++seq;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the server did not report its memory in 15 s")), 15_000);
    const on = (m: MemoryReport) => {
      if (m?.type !== "memory" || m.seq !== mine) return;
      clearTimeout(timer);
      server.child.off("message", on);
      resolve(m);
    };
    server.child.on("message", on);
    server.child.send({ type: "memory", seq: mine });
  });
}

/** The parts of an answer the checks below read. */
interface Answer {
  id?: string;
  data?: unknown[];
  accepted?: number;
  text?: { score?: unknown } | null;
  choices?: { message?: { content?: string } }[];
}

interface Planned {
  url: string;
  init: RequestInit;
  ok: (answer: Answer) => boolean;
  eventIds?: string[];
}

/** The request the i-th slot of the schedule sends, and how to tell its answer is right. */
function request(kind: Kind, i: number): Planned {
  const auth = { authorization: `Bearer ${key}` };
  const json = { ...auth, "content-type": "application/json" };
  const unit = `soak-u-${(i * 7919) % UNITS}`;
  // Half of the placement reads come from units never seen before: their first assignment
  // runs the variant choice, the rest are sticky reads, as on a site with new visitors.
  const visitor = i % MIX.length < 8 ? `soak-new-${i}` : unit;
  const item = itemIds[Math.floor(i / 4) % itemIds.length]!;
  const placement = PLACEMENT_KEYS[i % PLACEMENT_KEYS.length]!;
  switch (kind) {
    case "content":
      return { url: `/api/v1/content/${item}`, init: { headers: auth }, ok: (b) => b.id === item };
    case "list":
      return {
        url: `/api/v1/content?limit=${i % 2 ? 10 : 50}`,
        init: { headers: auth },
        ok: (b) => Array.isArray(b.data) && b.data.length > 0,
      };
    case "placement":
      return {
        url: `/api/v1/placements/${placement}/content?unit=${visitor}&channel=web`,
        init: { headers: auth },
        ok: (b) => b.id !== undefined && variantsOf.get(placement)!.includes(b.id),
      };
    case "events": {
      const batch = Array.from({ length: EVENTS_PER_BATCH }, (_, e) => ({
        id: randomUUID(),
        type: e === 0 && i % 3 === 0 ? "click" : "impression",
        unit,
        content_id: itemIds[(i + e) % itemIds.length],
        occurred_at: new Date().toISOString(),
      }));
      return {
        url: "/api/v1/events",
        init: { method: "POST", headers: json, body: JSON.stringify({ events: batch }) },
        ok: (b) => b.accepted === EVENTS_PER_BATCH,
        eventIds: batch.map((e) => e.id),
      };
    }
    case "checks":
      return {
        url: "/api/v1/checks",
        init: {
          method: "POST",
          headers: json,
          body: JSON.stringify({ brandId, text: `${SAFE_COPY} Trail ${i % 50}.`, channel: "social" }),
        },
        ok: (b) => typeof b.text?.score === "number",
      };
    case "chat":
      return {
        url: "/api/v1/chat/completions",
        init: {
          method: "POST",
          headers: {
            ...json,
            "x-brandgate-brand": brandId,
            "x-brandgate-unit": unit,
            "x-brandgate-channel": "social",
          },
          body: JSON.stringify({
            model: DEMO_MODEL_NAME,
            messages: [{ role: "user", content: "Write one line about our new rain jacket for hikers." }],
          }),
        },
        ok: (b) => b.choices?.[0]?.message?.content === SAFE_COPY,
      };
  }
}

const MiB = (bytes: number) => round1(bytes / 2 ** 20);

/** Milliseconds PostgreSQL has spent executing statements in this run's database. */
async function pgActiveMs() {
  const [row] = await db().execute<{ ms: number }>(
    sql`select active_time::float8 as ms from pg_stat_database where datname = current_database()`,
  );
  return row!.ms;
}

/** Sends request i of the schedule: why it failed, or null. */
async function send(i: number, acked: string[]): Promise<string | null> {
  const kind = MIX[i % MIX.length]!;
  const r = request(kind, i);
  const res = await fetch(baseUrl + r.url, { ...r.init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const text = await res.text();
  if (res.status !== 200) return `${kind} ${res.status} ${text.slice(0, 200)}`;
  if (!r.ok(JSON.parse(text) as Answer)) return `${kind} 200 with an unexpected body ${text.slice(0, 200)}`;
  if (r.eventIds) acked.push(...r.eventIds);
  return null;
}

describe("soak", () => {
  it(
    `${DURATION_S} s of mixed load at ${RPS} req/s: no errors, flat memory, stable p99, every event stored`,
    async () => {
      const idle = await memory();
      const acked: string[] = [];
      const total = DURATION_S * RPS;
      let pgLast = await pgActiveMs();
      const load = startOpenLoop({
        rps: RPS,
        total,
        maxInFlight: MAX_IN_FLIGHT,
        kindOf: (i) => MIX[i % MIX.length]!,
        send: (i) => send(i, acked),
      });
      const { stats } = load;

      const samples: SoakSample[] = [];
      let last = load.start;
      let machineLast = machineCpu();
      for (let k = 1; k * SAMPLE_S <= DURATION_S; k++) {
        await new Promise((r) => setTimeout(r, load.start + k * SAMPLE_S * 1000 - performance.now()));
        const now = performance.now();
        const w = load.take();
        const m = await memory();
        const pgNow = await pgActiveMs();
        const machineNow = machineCpu();
        samples.push({
          t: k * SAMPLE_S,
          rssMiB: MiB(m.rss),
          heapUsedMiB: MiB(m.heapUsed),
          heapAfterGcMiB: m.heapAfterGc === null ? null : MiB(m.heapAfterGc),
          gcMs: m.gcMs === null ? null : round1(m.gcMs),
          requests: w.latencies.length,
          rps: round1(w.latencies.length / ((now - last) / 1000)),
          p50Ms: round1(percentile(w.latencies, 0.5)),
          p99Ms: round1(percentile(w.latencies, 0.99)),
          maxMs: round1(w.latencies.at(-1) ?? 0),
          errors: w.errors,
          loopDelayP99Ms: round1(m.loopDelayP99Ms),
          cpuPct: round1((m.cpuMs / (now - last)) * 100),
          pgActivePct: round1(((pgNow - pgLast) / (now - last)) * 100),
          loadAvg: os.loadavg()[0]!,
          ...machineShares(machineLast, machineNow),
          p99ByKindMs: Object.fromEntries(
            Object.entries(w.byKind).map(([kind, xs]) => [kind, round1(percentile(xs, 0.99))]),
          ),
        });
        last = now;
        pgLast = pgNow;
        machineLast = machineNow;
      }
      await waitFor(async () => load.finished(), REQUEST_TIMEOUT_MS + 10_000, "in-flight requests");

      // Every acknowledged event is stored, looked up by its client id (one jsonb parameter:
      // tens of thousands of ids would pass PostgreSQL's bind-parameter limit one by one).
      const [stored] = await db().execute<{ n: number }>(
        sql`select count(*)::int as n from ${events} where ${events.brandId} = ${brandId}
            and ${events.externalId} in (select jsonb_array_elements_text(${JSON.stringify(acked)}::jsonb))`,
      );

      // Memory: the median of the first post-warm-up minute against the median of the last
      // one. A median of 12 samples ignores the one sample that caught a burst of allocation
      // or a page not yet returned to the OS, where first-vs-last single samples would not;
      // a leak moves the whole window. The heap figure is the retained heap after a forced
      // full GC; heapUsed before it follows the allocation sawtooth and is charted only.
      const post = samples.filter((s) => s.t > WARMUP_S);
      const firstMin = post.filter((s) => s.t <= WARMUP_S + COMPARE_S);
      const lastMin = post.filter((s) => s.t > DURATION_S - COMPARE_S);
      const growth = (pick: (s: SoakSample) => number) => {
        const from = median(firstMin.map(pick));
        const to = median(lastMin.map(pick));
        return { from, to, growth: to / from - 1 };
      };
      const rss = growth((s) => s.rssMiB);
      const heap = growth((s) => s.heapAfterGcMiB ?? s.heapUsedMiB);

      // p99 stability: the median window-p99 of the last third of the post-warm-up run
      // against the first third's. Medians of ~36 windows shrug off a stray slow window (a
      // neighbour's build on the shared cores); a degradation that grows with run time moves
      // the whole last third. The bound is generous because the machine is shared: 2×, and at
      // least 100 ms more, since a neighbour's build moves a window's p99 by 50–200 ms (one
      // 60 req/s run's windows ranged 22–273 ms). A cost that grows with run time clears it
      // easily: the all-time outcome count each first visit used to run (110 ms of PostgreSQL
      // at 120,000 events, see count-variant-outcomes.ts) would have saturated it within minutes.
      const third = (DURATION_S - WARMUP_S) / 3;
      const p99First = median(post.filter((s) => s.t <= WARMUP_S + third).map((s) => s.p99Ms));
      const p99Last = median(post.filter((s) => s.t > DURATION_S - third).map((s) => s.p99Ms));
      const p99Limit = Math.max(2 * p99First, p99First + 100);
      const p50 = median(post.map((s) => s.p50Ms));
      const gcMs = samples.map((s) => s.gcMs ?? 0);
      const kinds = Object.entries(stats.byKind).map(([k, xs]) => {
        const sorted = xs.sort((a, b) => a - b);
        return `${k} ${sorted.length} p50 ${round1(percentile(sorted, 0.5))} p99 ${round1(percentile(sorted, 0.99))} ms`;
      });
      // Where failures fell, with the machine's load then: a neighbour's burst on the shared
      // cores shows as a few windows at a high load average, a regression as a spread.
      const errorWindows = samples
        .filter((s) => s.errors > 0)
        .map((s) => `${s.t} s: ${s.errors} (load ${round1(s.loadAvg)}, machine ${s.machineBusyPct}% busy)`)
        .join(", ");
      const pctOf = (g: number) => `${g >= 0 ? "+" : ""}${round1(g * 100)}%`;

      const verdicts = [
        {
          name: "errors",
          ok: stats.errors === 0 && stats.shed === 0,
          detail: `${stats.errors} failed, ${stats.shed} not sent (in flight ≥ ${MAX_IN_FLIGHT})`,
        },
        {
          name: "RSS growth < 10%",
          ok: rss.growth < MAX_GROWTH,
          detail: `${rss.from} → ${rss.to} MiB (${pctOf(rss.growth)})`,
        },
        {
          name: "retained heap growth < 10%",
          ok: heap.growth < MAX_GROWTH,
          detail: `${heap.from} → ${heap.to} MiB (${pctOf(heap.growth)})`,
        },
        {
          name: "p99 stable",
          ok: p99Last <= p99Limit,
          detail: `first third ${p99First} ms, last third ${p99Last} ms (limit ${round1(p99Limit)} ms)`,
        },
        {
          name: "acknowledged events stored",
          ok: stored!.n === acked.length,
          detail: `${acked.length} acknowledged, ${stored!.n} stored`,
        },
      ];
      const figures: [string, string][] = [
        [
          "load",
          `${RPS} req/s open loop for ${DURATION_S} s, ${total} requests, ${stats.completed} answered`,
        ],
        [
          "mix per 16 requests",
          "4 content by id, 2 content lists, 4 placement reads, 3 event batches of 5, 2 checks, 1 chat",
        ],
        [
          "idle before load",
          `rss ${MiB(idle.rss)} MiB, retained heap ${MiB(idle.heapAfterGc ?? idle.heapUsed)} MiB`,
        ],
        ["warm-up / comparison windows", `${WARMUP_S} s / first and last ${COMPARE_S} s after it`],
        ["p50 (median window)", `${p50} ms`],
        ["per kind", kinds.join("; ")],
        [
          "forced GC pause",
          `median ${round1(median(gcMs))} ms, max ${round1(Math.max(...gcMs))} ms (charted latency includes it)`,
        ],
        ["scheduler's worst lag", `${round1(stats.maxLagMs)} ms`],
        ["failures (first 10)", stats.failures.join(" | ") || "none"],
        ["windows with failures", errorWindows || "none"],
      ];

      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const dir = path.resolve("bench/results");
      mkdirSync(dir, { recursive: true });
      const html = path.join(dir, `soak-${stamp}.html`);
      const report = {
        title: `Brandgate soak: ${DURATION_S} s at ${RPS} req/s`,
        startedAt: stamp,
        warmupS: WARMUP_S,
      };
      writeFileSync(html, renderSoakHtml({ ...report, samples, figures, verdicts }));
      writeFileSync(
        path.join(dir, `soak-${stamp}.json`),
        JSON.stringify(
          { ...report, rps: RPS, durationS: DURATION_S, idle, figures, verdicts, samples },
          null,
          2,
        ),
      );

      const cpu = median(post.map((s) => s.cpuPct));
      const pg = median(post.map((s) => s.pgActivePct));
      const loadAvg = round1(median(samples.map((s) => s.loadAvg)));
      console.log(
        `[chaos] soak: ${DURATION_S} s at ${RPS} req/s open loop (${round1(median(post.map((s) => s.rps)))} req/s ` +
          `answered per window), ${stats.completed} requests, ${stats.errors} errors, ${stats.shed} shed; ` +
          `RSS ${rss.from}→${rss.to} MiB (${pctOf(rss.growth)}), retained heap ${heap.from}→${heap.to} MiB ` +
          `(${pctOf(heap.growth)}) [medians of the first ${COMPARE_S} s after a ${WARMUP_S} s warm-up and of ` +
          `the last ${COMPARE_S} s]; window p99 ${p99First} ms first third, ${p99Last} ms last third (limit ` +
          `${round1(p99Limit)} ms), p50 ${p50} ms; events acknowledged ${acked.length}, stored ${stored!.n}; ` +
          `server CPU ${cpu}% of a core, PostgreSQL ${pg}%, forced GC ${round1(median(gcMs))} ms, machine ` +
          `load average ${loadAvg}; curve ${path.relative(process.cwd(), html)}`,
      );

      expect(stats.failures, `failed requests, in windows ${errorWindows}`).toEqual([]);
      expect(stats.errors).toBe(0);
      expect(stats.shed, "requests not sent: the server fell behind the schedule").toBe(0);
      expect(stats.completed).toBe(total);
      expect(rss.growth, "RSS growth after warm-up").toBeLessThan(MAX_GROWTH);
      expect(heap.growth, "retained heap growth after warm-up").toBeLessThan(MAX_GROWTH);
      expect(p99Last, `p99 of the last third against the first third's ${p99First} ms`).toBeLessThanOrEqual(
        p99Limit,
      );
      expect(stored!.n, "acknowledged events stored").toBe(acked.length);
      expect(server.child.exitCode, server.output().slice(-2000)).toBeNull();
    },
    (DURATION_S + 120) * 1000,
  );
});
