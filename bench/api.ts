/**
 * The governed API's throughput and latency over loopback, each against a floor measured in
 * the same run, as a ratio:
 *
 * - reads (GET /api/v1/content/{id}, GET /api/v1/content, GET /api/v1/placements/{p}/content
 *   with a fresh or repeat unit per request) and POST /api/v1/checks, against a raw
 *   `node:http` handler answering the same bytes the content read answers;
 * - POST /api/v1/events (100 events per call, unique client ids): events accepted per
 *   second, the share that landed in Postgres, against raw COPY of the same rows into the
 *   same table through the same driver (bench/events/copy-events.ts, as `bench:events`
 *   uses it); on the embedded database, where COPY FROM STDIN does not complete through
 *   pglite-socket, against multi-row INSERTs instead.
 *
 * Everything runs in this process on loopback with an instant upstream model, on the embedded
 * database unless DATABASE_URL is set. The load generator shares 2 cores with the servers and
 * the database: compare ratios within one run, not absolute numbers across runs.
 *
 *   node --import tsx bench/api.ts [seconds=5] [connections=10]
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import autocannon from "autocannon";
import { copyEvents, copyPool, eventCopyText } from "./events/copy-events";

const SECONDS = Number(process.argv[2] ?? 5);
const CONNECTIONS = Number(process.argv[3] ?? 10);
const EVENTS_PER_CALL = 100;

const { startEmbeddedDatabase } = await import("@/db/embedded/start-embedded");
const embedded = process.env.DATABASE_URL ? null : await startEmbeddedDatabase();
if (embedded) process.env.DATABASE_URL = embedded.url;
process.env.LOG_LEVEL ??= "silent";
process.env.AUTH_SECRET ??= "bench-secret-that-is-at-least-32-characters-long";
const { resetEnvCache } = await import("@/lib/env");
resetEnvCache();
const { prepareDatabase } = await import("@/lib/setup/prepare-database");
await prepareDatabase(process.env.DATABASE_URL!, { seed: false });
const { sql } = await import("drizzle-orm");
const { db, closeDb } = await import("@/lib/db");
const { flushEvents } = await import("@/lib/events/group-commit-events");
const { startApiFixture } = await import("@/test/api/fixture");

const f = await startApiFixture();
const auth = { authorization: `Bearer ${f.keys.all}` };
const json = { ...auth, "content-type": "application/json" };

// The floor answers what GET /api/v1/content/{id} answers, byte for byte.
const sample = await fetch(`${f.baseUrl}/api/v1/content/${f.publishedContentId}`, { headers: auth });
const sampleBody = await sample.text();
if (!sample.ok) throw new Error(`content read failed: ${sample.status} ${sampleBody}`);
const raw = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", etag: sample.headers.get("etag") ?? "" });
    res.end(sampleBody);
  });
});
await new Promise<void>((r) => raw.listen(0, "127.0.0.1", r));
const rawUrl = `http://127.0.0.1:${(raw.address() as { port: number }).port}`;

type Request = { method: string; path: string; headers: Record<string, string>; body?: string };
interface Target {
  name: string;
  /** One request; called per request, so bodies and units can differ. */
  next: () => Request;
  onResponse?: (status: number, body: string) => void;
}

/** One request first: a route that refuses the bench's request is a bench bug, not a figure. */
async function probe(url: string, t: Target) {
  const r = t.next();
  // A fresh connection each time: a pooled one may have been closed by the server meanwhile.
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const headers = { ...r.headers, "content-length": String(Buffer.byteLength(r.body ?? "")) };
    const req = http.request(url + r.path, { method: r.method, headers, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject).end(r.body);
  });
  if (status < 200 || status > 299) throw new Error(`${t.name}: ${status} ${text}`);
}

async function run(url: string, t: Target) {
  await probe(url, t);
  const first = t.next();
  return autocannon({
    url: url + first.path,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{ setupRequest: () => t.next(), onResponse: t.onResponse }],
  });
}

const line = (name: string, r: Awaited<ReturnType<typeof run>>, floor?: Awaited<ReturnType<typeof run>>) =>
  console.log(
    [
      `  ${name.padEnd(46)}`,
      `${r.requests.average.toFixed(0).padStart(6)} req/s`,
      `p50 ${String(r.latency.p50).padStart(3)} ms`,
      `p99 ${String(r.latency.p99).padStart(3)} ms`,
      `non-2xx ${r.non2xx + r.errors}`,
      floor ? `${(r.requests.average / floor.requests.average).toFixed(3)}× raw req/s` : "",
    ].join("   "),
  );

const get = (path: string): Request => ({ method: "GET", path, headers: auth });
const reads: Target[] = [
  { name: "GET /api/v1/content/{id}", next: () => get(`/api/v1/content/${f.publishedContentId}`) },
  { name: "GET /api/v1/content?limit=20", next: () => get("/api/v1/content?limit=20") },
  {
    // Units from a pool of 2,000: the first request of a unit assigns, the rest are sticky.
    name: "GET /api/v1/placements/{p}/content (sticky)",
    next: () =>
      get(`/api/v1/placements/${f.placementKey}/content?unit=u-${Math.floor(Math.random() * 2000)}`),
  },
  {
    name: "GET /api/v1/placements/{p}/content (new unit)",
    next: () => get(`/api/v1/placements/${f.placementKey}/content?unit=${randomUUID()}`),
  },
  {
    name: "POST /api/v1/checks",
    next: () => ({
      method: "POST",
      path: "/api/v1/checks",
      headers: json,
      body: JSON.stringify({
        brandId: f.brandId,
        text: "Our new rain jacket keeps weekend hikers dry.",
        channel: "social",
      }),
    }),
  },
];

console.log(
  `API bench — ${SECONDS}s per route, ${CONNECTIONS} connections, loopback, ${embedded ? "embedded PGlite" : "PostgreSQL"}, instant upstream`,
);
const floor = await run(rawUrl, { name: "raw", next: () => get("/") });
line("raw node:http handler (same bytes)", floor);
for (const t of reads) line(t.name, await run(f.baseUrl, t), floor);

// Events: unique client ids per call, so every accepted event is a new row.
const eventsBefore = await countEvents();
const startedAt = new Date().toISOString();
let acknowledged = 0;
const ev = await run(f.baseUrl, {
  name: "events",
  // Counted from the answers: what the API said it stored.
  onResponse: (status, body) => {
    if (status === 200) acknowledged += (JSON.parse(body) as { accepted: number }).accepted;
  },
  next: () => ({
    method: "POST",
    path: "/api/v1/events",
    headers: json,
    body: JSON.stringify({
      events: Array.from({ length: EVENTS_PER_CALL }, (_, i) => ({
        id: randomUUID(),
        type: i % 10 === 0 ? "click" : "impression",
        unit: `u-${i}`,
        content_id: f.publishedContentId,
        occurred_at: startedAt,
      })),
    }),
  }),
});
// Calls still in flight when the clock stopped are answered (and stored) after it: wait for them.
await new Promise((r) => setTimeout(r, 1_000));
await flushEvents();
const landed = (await countEvents()) - eventsBefore;
const accepted = acknowledged;
const acceptedPerSec = accepted / SECONDS;
line(`POST /api/v1/events (${EVENTS_PER_CALL} per call)`, ev, floor);
console.log(
  `  events: ${acceptedPerSec.toFixed(0)} accepted/s; acknowledged ${accepted}, landed ${landed} (${((landed / Math.max(1, accepted)) * 100).toFixed(1)}%${landed >= accepted ? `; none lost — the ${landed - accepted} extra are calls answered after the clock stopped` : "; EVENTS LOST"})`,
);

// The database's own ceiling for the same rows through the same driver, one connection:
// 1,000-row COPYs on PostgreSQL, 1,000-row INSERTs on the embedded database.
const BATCH = 1_000;
const rows = Math.max(accepted, 20 * BATCH);
const copyPg = embedded ? null : copyPool(process.env.DATABASE_URL!, 1);
const spec = {
  brandId: f.brandId,
  contentId: f.publishedContentId,
  tag: randomUUID(),
  occurredAt: startedAt,
};
const t0 = performance.now();
for (let done = 0; done < rows; done += BATCH) {
  if (copyPg) await copyEvents(copyPg, eventCopyText(spec, done, BATCH));
  else
    await db().execute(sql`
      insert into events (brand_id, kind, unit_key, content_id, external_id, occurred_at)
      select ${f.brandId}::uuid, 'exposure', 'u-' || g, ${f.publishedContentId}::uuid, ${spec.tag} || '-' || (g + ${done}), now()
      from generate_series(1, ${BATCH}) g`);
}
const floorPerSec = rows / ((performance.now() - t0) / 1000);
await copyPg?.end();
console.log(
  `  raw ${copyPg ? "COPY" : "multi-row INSERT"} (${BATCH} rows per statement, one connection): ${floorPerSec.toFixed(0)} rows/s; the API's accepted/s is ${(acceptedPerSec / floorPerSec).toFixed(3)}× of it`,
);

async function countEvents(): Promise<number> {
  const [row] = (await db().execute(sql`select count(*)::int as n from events`)) as unknown as {
    n: number;
  }[];
  return row!.n;
}

await f.close();
raw.close();
await closeDb();
await embedded?.stop();
process.exit(0);
