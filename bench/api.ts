/**
 * The governed API's throughput and latency over loopback, against a raw `node:http`
 * handler measured in the same run (the floor: what any Node server costs), as a ratio.
 * Routes come from the OpenAPI document: POST /api/v1/checks, every GET content/placement
 * route there is, and POST /api/v1/events (accepted per second, and the share that landed
 * in Postgres vs a raw multi-row INSERT into the same table). Model calls go to an instant
 * upstream. Runs on the embedded database unless DATABASE_URL is set. The load generator
 * shares the process with both servers (worker threads were slower on 2 cores): compare the
 * ratio, not the absolute numbers, and only within one run.
 *
 *   node --import tsx bench/api.ts [seconds=5] [connections=10]
 */
import http from "node:http";
import autocannon from "autocannon";
import fc from "fast-check";

const SECONDS = Number(process.argv[2] ?? 5);
const CONNECTIONS = Number(process.argv[3] ?? 10);

const { startEmbeddedDatabase } = await import("@/db/embedded/start-embedded");
const embedded = process.env.DATABASE_URL ? null : await startEmbeddedDatabase();
if (embedded) process.env.DATABASE_URL = embedded.url;
process.env.LOG_LEVEL ??= "silent";
process.env.AUTH_SECRET ??= "bench-secret-that-is-at-least-32-characters-long";
const { startFaultyUpstream } = await import("@/lib/models/testing/faulty-upstream");
const upstream = await startFaultyUpstream([{ kind: "ok", text: "Our new rain jacket keeps hikers dry." }]);
process.env.MODEL_BASE_URL = upstream.baseUrl;
const { resetEnvCache } = await import("@/lib/env");
resetEnvCache();
const { prepareDatabase } = await import("@/lib/setup/prepare-database");
await prepareDatabase(process.env.DATABASE_URL!, { seed: false });
const { sql } = await import("drizzle-orm");
const { db, closeDb } = await import("@/lib/db");
const { API_KEY_SCOPES } = await import("@/db/schema");
const { createApiKey } = await import("@/lib/api-keys/create-api-key");
const { DEMO_KIT } = await import("@/lib/brand/kit");
const { saveKitVersion } = await import("@/lib/brand/kits/save-kit-version");
const { publishKitVersion } = await import("@/lib/brand/kits/publish-kit-version");
const { seedDemoModels } = await import("@/lib/models/seed-demo-models");
const { createBrand, createUser, signedIn } = await import("@/test/factories");
const { buildApi } = await import("@/server/api/app");
const { valueFor, resolveRef } = await import("@/test/api/arbitraries");

const brandId = (await createBrand("Bench")).id;
const admin = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
const kit = await saveKitVersion(admin, { brandId, baseVersion: null, content: DEMO_KIT });
await publishKitVersion(admin, { brandId, versionId: kit.id });
await seedDemoModels(db(), brandId);
const key = (
  await createApiKey(admin, {
    brandId,
    name: "bench",
    scopes: [...API_KEY_SCOPES],
    chatEnabled: true,
    rateLimitPerMinute: 100_000,
    monthlyGenerationQuota: 100_000_000,
  })
).plaintext;

const app = await buildApi();
await app.listen({ host: "127.0.0.1", port: 0 });
const apiUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const doc = app.swagger() as unknown as Record<string, unknown>;
const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;

// The floor: a raw node:http handler that reads the body and answers a small JSON object.
const raw = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"ok":true}');
  });
});
await new Promise<void>((r) => raw.listen(0, "127.0.0.1", r));
const rawUrl = `http://127.0.0.1:${(raw.address() as { port: number }).port}`;

interface Target {
  name: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}
const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };

async function run(url: string, t: Target) {
  return autocannon({
    url: url + t.path,
    method: t.method,
    headers: t.headers,
    body: t.body,
    connections: CONNECTIONS,
    duration: SECONDS,
  });
}

/** Fills required query/header params named like a brand with the bench brand; null when it cannot. */
function fill(path: string, method: string, op: Record<string, unknown>): Target | string {
  const params = (op.parameters ?? []) as { name: string; in: string; required?: boolean }[];
  const headers: Record<string, string> = { ...auth };
  const query = new URLSearchParams();
  for (const p of params.filter((x) => x.required)) {
    if (!/brand/i.test(p.name)) return `needs ${p.in} parameter "${p.name}"`;
    if (p.in === "query") query.set(p.name, brandId);
    else if (p.in === "header") headers[p.name] = brandId;
    else return `needs ${p.in} parameter "${p.name}"`;
  }
  const q = query.toString();
  return {
    name: `${method.toUpperCase()} ${path}`,
    method: method.toUpperCase(),
    path: q ? `${path}?${q}` : path,
    headers,
  };
}

/** A body the route accepts: samples from its schema until one answers 2xx. */
async function acceptedBody(t: Target, schema: Record<string, unknown>): Promise<string | null> {
  const hints = (name: string) => (/brand(id)?$/i.test(name) ? fc.constant(brandId) : undefined);
  const arb = valueFor(resolveRef(schema, doc), doc, hints);
  for (const v of fc.sample(arb, { numRuns: 100, seed: 42 })) {
    const body = JSON.stringify(v);
    const res = await fetch(apiUrl + t.path, { method: t.method, headers: t.headers, body });
    await res.arrayBuffer();
    if (res.ok) return body;
  }
  return null;
}

const targets: Target[] = [];
const skipped: string[] = [];
if (paths["/api/v1/checks"]?.post) {
  targets.push({
    name: "POST /api/v1/checks",
    method: "POST",
    path: "/api/v1/checks",
    headers: auth,
    body: JSON.stringify({
      brandId,
      text: "Our new rain jacket keeps weekend hikers dry.",
      channel: "social",
    }),
  });
} else skipped.push("POST /api/v1/checks: not in the document");
const contentGets = Object.entries(paths).filter(([p, item]) => item.get && /content|placement/i.test(p));
if (contentGets.length === 0) skipped.push("GET content/placement routes: none in the document yet");
for (const [path, item] of contentGets) {
  if (path.includes("{")) {
    skipped.push(`GET ${path}: has path parameters the bench cannot fill generically`);
    continue;
  }
  const t = fill(path, "get", item.get!);
  if (typeof t === "string") skipped.push(`GET ${path}: ${t}`);
  else targets.push(t);
}

console.log(
  `API bench — ${SECONDS}s per route, ${CONNECTIONS} connections, loopback, ${embedded ? "embedded PGlite" : "PostgreSQL"}, instant upstream`,
);
const floor = await run(rawUrl, {
  name: "raw",
  method: "POST",
  path: "/",
  headers: auth,
  body: targets[0]?.body,
});
const line = (name: string, r: Awaited<ReturnType<typeof run>>, ratio?: number) =>
  console.log(
    `  ${name.padEnd(34)} ${r.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   non-2xx ${r.non2xx}${ratio === undefined ? "" : `   ${(ratio * 100).toFixed(1)}% of raw`}`,
  );
line("raw node:http handler", floor);
for (const t of targets) {
  const r = await run(apiUrl, t);
  line(t.name, r, r.requests.average / floor.requests.average);
}

// Events: accepted per second, the share that lands, and a raw multi-row INSERT in the same run.
const events = paths["/api/v1/events"]?.post;
if (!events) skipped.push("POST /api/v1/events: not in the document yet");
else {
  const t = fill("/api/v1/events", "post", events);
  const schema = (events.requestBody as { content?: Record<string, { schema?: Record<string, unknown> }> })
    ?.content?.["application/json"]?.schema;
  const body = typeof t !== "string" && schema ? await acceptedBody(t, schema) : null;
  if (typeof t === "string" || !body) {
    skipped.push(`POST /api/v1/events: ${typeof t === "string" ? t : "no generated body was accepted"}`);
  } else {
    const tables = (await db().execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_name like '%event%' and table_name not like 'webhook%'`,
    )) as unknown as { table_name: string }[];
    const count = async () =>
      Object.fromEntries(
        await Promise.all(
          tables.map(async ({ table_name }) => {
            const [row] = (await db().execute(
              sql`select count(*)::int as n from ${sql.identifier(table_name)}`,
            )) as unknown as { n: number }[];
            return [table_name, row!.n] as const;
          }),
        ),
      );
    const before = await count();
    const r = await run(apiUrl, { ...t, body });
    const accepted = r["2xx"];
    // Events may be buffered: wait until the counts stop moving.
    let after = await count();
    for (let i = 0; i < 20; i++) {
      await new Promise((res) => setTimeout(res, 250));
      const next = await count();
      if (JSON.stringify(next) === JSON.stringify(after)) break;
      after = next;
    }
    const grown = Object.entries(after).map(([name, n]) => [name, n - (before[name] ?? 0)] as const);
    const [table, landed] = grown.sort((a, b) => b[1] - a[1])[0] ?? ["?", 0];
    line("POST /api/v1/events", r, r.requests.average / floor.requests.average);
    console.log(
      `  events: ${(accepted / SECONDS).toFixed(0)} accepted/s, ${landed} of ${accepted} landed in ${table} (${((landed / Math.max(1, accepted)) * 100).toFixed(1)}%)`,
    );
    // The database's own ceiling for the same rows: multi-row INSERTs copying a landed row.
    if (landed > 0) {
      const cols = (await db().execute(
        sql`select column_name, data_type, column_default from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position`,
      )) as unknown as { column_name: string; data_type: string; column_default: string | null }[];
      const exprs = cols.map((c) =>
        c.column_name === "id" && c.data_type === "uuid"
          ? sql`gen_random_uuid()`
          : c.column_name === "id" && c.column_default
            ? sql.raw("default")
            : sql.identifier(c.column_name),
      );
      const insertable = cols.filter(
        (c) => !(c.column_name === "id" && c.column_default && c.data_type !== "uuid"),
      );
      const names = sql.join(
        insertable.map((c) => sql.identifier(c.column_name)),
        sql`, `,
      );
      const selects = sql.join(
        exprs.filter((_, i) => insertable.includes(cols[i]!)),
        sql`, `,
      );
      const BATCH = 1000;
      const started = performance.now();
      let inserted = 0;
      try {
        while (inserted < accepted) {
          await db().execute(
            sql`insert into ${sql.identifier(table)} (${names}) select ${selects} from (select * from ${sql.identifier(table)} limit 1) s, generate_series(1, ${BATCH})`,
          );
          inserted += BATCH;
        }
        const perSec = inserted / ((performance.now() - started) / 1000);
        console.log(
          `  raw multi-row INSERT into ${table}: ${perSec.toFixed(0)} rows/s (${BATCH} per statement); the API's accepted/s is ${((accepted / SECONDS / perSec) * 100).toFixed(1)}% of it`,
        );
      } catch (err) {
        console.log(`  raw multi-row INSERT into ${table} failed: ${(err as Error).message}`);
      }
    }
  }
}
for (const s of skipped) console.log(`  skipped ${s}`);

await app.close();
raw.close();
await upstream.close();
await closeDb();
await embedded?.stop();
process.exit(0);
