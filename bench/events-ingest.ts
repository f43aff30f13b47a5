/**
 * Event ingestion throughput: group commit (lib/events/group-commit-events) against one
 * INSERT per request, on a fresh database on the PostgreSQL server named by DATABASE_URL
 * (dropped afterwards). Each "request" writes `rows` events; `concurrency` are in flight.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/events-ingest.ts [requests] [rows] [concurrency]
 */
import { randomBytes, randomUUID } from "node:crypto";
import postgres from "postgres";

const [requests = 2000, rows = 10, concurrency = 200] = process.argv.slice(2).map(Number);
const given = process.env.DATABASE_URL;
if (!given) throw new Error("Set DATABASE_URL to a PostgreSQL server");
const name = `brandgate_bench_${randomBytes(4).toString("hex")}`;
const admin = postgres(given, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(given);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
process.env.AUTH_SECRET ??= randomBytes(32).toString("hex");
process.env.LOG_LEVEL ??= "silent";

try {
  const { prepareDatabase } = await import("../lib/setup/prepare-database");
  const { db, closeDb } = await import("../lib/db");
  const { brands, events } = await import("../db/schema");
  const { writeEvents } = await import("../lib/events/group-commit-events");
  await prepareDatabase(url.toString(), { seed: false });
  const [brand] = await db()
    .insert(brands)
    .values({ name: "Bench", slug: `bench-${name}` })
    .returning();
  const batch = () =>
    Array.from({ length: rows }, () => ({
      brandId: brand!.id,
      kind: "click" as const,
      unitKey: "u",
      externalId: randomUUID(),
      occurredAt: new Date(),
    }));

  async function run(label: string, write: (r: ReturnType<typeof batch>) => Promise<unknown>) {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < requests) await write(batch());
      }),
    );
    const s = (performance.now() - started) / 1000;
    console.log(
      `${label.padEnd(24)} ${(requests / s).toFixed(0).padStart(7)} req/s ${((requests * rows) / s).toFixed(0).padStart(8)} events/s`,
    );
  }

  console.log(`${requests} requests × ${rows} events, ${concurrency} in flight\n`);
  await run("one INSERT per request", (r) => db().insert(events).values(r).onConflictDoNothing());
  await run("group commit", writeEvents);
  await closeDb();
} finally {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
