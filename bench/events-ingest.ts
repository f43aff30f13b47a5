/**
 * `npm run bench:events`: POST /api/v1/events over real HTTP against raw COPY into the same
 * database (issue 9: ≥ 10,000 events/s accepted, every one landed, acknowledgement p99 ≤ 5 ms).
 *
 * The API is `buildApi()` listening in its own process (bench/peers/brandgate-server.ts); this
 * process is the load generator and runs the floor. On a scratch database on PostgreSQL
 * (BENCH_PG_URL, dropped at the end), each round runs, in this order:
 *
 * 1. `copy open`: the floor for latency — COPY of the same batches into `events` on the same
 *    schedule (one COPY, one transaction per batch, on a 10-connection pool);
 * 2. `api open`: the API at a steady offered rate, open loop: BENCH_RATE events/s in calls of
 *    BENCH_BATCH events, each call's latency from its scheduled start to its 2xx answer (the
 *    acknowledgement, given after commit);
 * 3. `copy closed` and `api closed`: the maximum, BENCH_CONNECTIONS callers back to back with
 *    the same batches.
 *
 * `BENCH_DATABASE=embedded` runs the same on the embedded database (PGlite behind the project's
 * socket server, in a process of its own whose CPU is the "PostgreSQL" figure): its COPY is the
 * socket server's, carried through PGlite's blob device (db/embedded/socket-server.ts).
 *
 * After every API step the events stored for its brand are counted and compared with the sum
 * of `accepted` in the answers: every acknowledged event must have landed (and nothing else).
 * Ratios are API ÷ COPY of the same round; medians over rounds are reported.
 *
 *   BENCH_SECONDS=10 BENCH_ROUNDS=3 BENCH_RATE=10000 BENCH_BATCH=100 BENCH_CONNECTIONS=16 npm run bench:events
 *   BENCH_PROFILE=dir  (a CPU profile of the API process during the first round's open loop)
 */
import { fork } from "node:child_process";
import { mkdirSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { copyEvents, copyPool, eventCopyText } from "./events/copy-events";
import { closedLoop, openLoop, type LoadResult } from "./events/load";
import { cpuMeter } from "./peers/proc";
import { createScratchDatabase } from "./scratch-database";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const RATE = Number(process.env.BENCH_RATE ?? 10_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const PROFILE_DIR = process.env.BENCH_PROFILE;
const GOAL = { eventsPerSecond: 10_000, ackP99Ms: 5 };
const CONTENT_ITEMS = 20;

const scratch = await createScratchDatabase("events");
const { name: dbName, url: dbUrl, admin } = scratch;

let exitCode = 0;
let server: ReturnType<typeof fork> | undefined;
const sql = copyPool(dbUrl, 10);
try {
  await scratch.migrate();
  const seed = await seedEvents();
  const { closeDb } = await import("@/lib/db");
  await closeDb();

  server = fork(path.join(import.meta.dirname, "peers", "brandgate-server.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      ...(PROFILE_DIR && { BENCH_PROFILE: path.resolve(PROFILE_DIR) }),
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const child = server;
  const ask = (m: string) =>
    new Promise<unknown>((resolve) => {
      child.once("message", resolve);
      child.send(m);
    });
  const { port } = await new Promise<{ port: number }>((resolve, reject) => {
    child.once("message", (m) => resolve(m as { port: number }));
    child.once("exit", (code) => reject(new Error(`the API exited (${code}) before it listened`)));
  });

  // ---- the two ways in -------------------------------------------------------------------
  const occurredAt = new Date().toISOString();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  let firstError: string | undefined;
  /** One POST of BATCH events (ids `${tag}-${n}-${i}`); resolves with `accepted`. */
  const post = (tag: string) => (n: number) => {
    let events = "";
    for (let i = 0; i < BATCH; i++) {
      const type = i % 10 === 0 ? "click" : "impression";
      const content = seed.contentIds[(n + i) % CONTENT_ITEMS];
      events += `${i ? "," : ""}{"id":"${tag}-${n}-${i}","type":"${type}","unit":"u-${(n * BATCH + i) % 5000}","content_id":"${content}","occurred_at":"${occurredAt}"}`;
    }
    const body = `{"events":[${events}]}`;
    return new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          path: "/api/v1/events",
          method: "POST",
          agent,
          headers: {
            authorization: `Bearer ${seed.apiKey}`,
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8").on("data", (c: string) => (text += c));
          res.on("end", () => {
            if (res.statusCode === 200) return resolve((JSON.parse(text) as { accepted: number }).accepted);
            firstError ??= `${res.statusCode} ${text.slice(0, 300)}`;
            reject(new Error(text));
          });
        },
      );
      req.on("error", (err) => {
        firstError ??= String(err);
        reject(err);
      });
      req.end(body);
    });
  };
  const copy = (tag: string) => async (n: number) => {
    const spec = { brandId: seed.copyBrandId, contentId: seed.contentIds[0]!, tag, occurredAt };
    await copyEvents(sql, eventCopyText(spec, n * BATCH, BATCH));
    return BATCH;
  };
  const stored = async (brandId: string) =>
    Number((await sql<{ n: string }[]>`select count(*) as n from events where brand_id = ${brandId}`)[0]!.n);

  interface Step extends LoadResult {
    round: number;
    name: "copy open" | "api open" | "copy closed" | "api closed";
    landed: number;
    /** CPU of the API process, and of PostgreSQL (this database's backends and the WAL writer), ms. */
    apiCpuMs: number;
    pgCpuMs: number;
  }
  const pgPids = async () =>
    scratch.pids ??
    (
      await admin<{ pid: number }[]>`
        select pid from pg_stat_activity
        where pid <> pg_backend_pid() and (datname = ${dbName} or backend_type = 'walwriter')`
    ).map((r) => r.pid);
  const steps: Step[] = [];
  async function step(round: number, name: Step["name"], seconds: number, profile = false): Promise<Step> {
    const api = name.startsWith("api");
    const tag = `r${round}-${name.replace(" ", "-")}`;
    const brandId = api ? seed.brandId : seed.copyBrandId;
    const before = await stored(brandId);
    const send = api ? post(tag) : copy(tag);
    if (profile) {
      mkdirSync(PROFILE_DIR!, { recursive: true });
      await ask("profile:start");
    }
    const apiCpu = cpuMeter(async () => [child.pid!]);
    const pgCpu = cpuMeter(pgPids);
    await apiCpu.start();
    await pgCpu.start();
    const r = name.endsWith("open")
      ? await openLoop({ callsPerSecond: RATE / BATCH, seconds, send })
      : await closedLoop({ concurrency: CONNECTIONS, seconds, send });
    const apiCpuMs = api ? await apiCpu.stop() : 0;
    const pgCpuMs = await pgCpu.stop();
    if (profile) console.log(`  profile: ${((await ask("profile:stop")) as { profile: string }).profile}`);
    const s: Step = { round, name, ...r, landed: (await stored(brandId)) - before, apiCpuMs, pgCpuMs };
    if (round > 0) steps.push(s);
    return s;
  }

  console.log(
    `Event ingestion bench: ${ROUNDS} round(s), ${SECONDS}s a step; open loop ${RATE} events/s in calls of ${BATCH}; closed loop ${CONNECTIONS} callers`,
  );
  console.log(
    `${os.cpus()[0]?.model ?? "?"}, ${os.cpus().length} cores, node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log((await sql<{ v: string }[]>`select version() as v`)[0]!.v);
  // Warm-up, not recorded: JIT, both pools, the rate limiter's first lease.
  await step(0, "copy open", 2);
  const warm = await step(0, "api open", 2);
  if (warm.errors > 0) throw new Error(`the API refused the warm-up: ${firstError}`);

  const cpuPerEvent = (s: Step, k: "apiCpuMs" | "pgCpuMs") =>
    ((s[k] * 1000) / Math.max(1, s.accepted)).toFixed(1);
  const fmt = (s: Step) =>
    `  round ${s.round} ${s.name.padEnd(11)} ${(s.accepted / s.elapsedS).toFixed(0).padStart(7)} events/s` +
    `  p50 ${s.p50.toFixed(2).padStart(7)} ms  p99 ${s.p99.toFixed(2).padStart(7)} ms  max ${s.max.toFixed(1).padStart(6)} ms` +
    `  errors ${s.errors}  accepted ${s.accepted} landed ${s.landed}${s.landed === s.accepted ? "" : " MISMATCH"}` +
    `  CPU µs/event api ${cpuPerEvent(s, "apiCpuMs")} pg ${cpuPerEvent(s, "pgCpuMs")}` +
    (s.name.endsWith("open") ? `  client lag p99 ${s.sendLagP99.toFixed(2)} ms` : "");
  for (let round = 1; round <= ROUNDS; round++) {
    for (const name of ["copy open", "api open", "copy closed", "api closed"] as const)
      console.log(
        fmt(await step(round, name, SECONDS, Boolean(PROFILE_DIR) && round === 1 && name === "api open")),
      );
  }

  // ---- the summary -----------------------------------------------------------------------
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const of = (name: Step["name"]) => steps.filter((s) => s.name === name);
  const perRound = (name: Step["name"], f: (s: Step) => number) => median(of(name).map(f));
  const ratio = (api: Step["name"], floor: Step["name"], f: (s: Step) => number) =>
    median(of(api).map((s) => f(s) / f(of(floor).find((x) => x.round === s.round)!)));
  const rate = (s: Step) => s.accepted / s.elapsedS;
  console.log(`\nMedians over ${ROUNDS} round(s):`);
  console.log(
    "| step | events/s | p50 ms | p99 ms | max ms | errors | accepted = landed | API CPU µs/event | PG CPU µs/event |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |");
  for (const name of ["copy open", "api open", "copy closed", "api closed"] as const)
    console.log(
      `| ${name} | ${perRound(name, rate).toFixed(0)} | ${perRound(name, (s) => s.p50).toFixed(2)} | ${perRound(name, (s) => s.p99).toFixed(2)} | ${perRound(name, (s) => s.max).toFixed(1)} | ${of(name).reduce((a, s) => a + s.errors, 0)} | ${of(name).every((s) => s.landed === s.accepted) ? "yes" : "NO"} | ${perRound(name, (s) => (s.apiCpuMs * 1000) / s.accepted).toFixed(1)} | ${perRound(name, (s) => (s.pgCpuMs * 1000) / s.accepted).toFixed(1)} |`,
    );
  console.log("\nRatios, API ÷ COPY in the same round (median of rounds):");
  console.log(
    `  open loop:   p50 ${ratio("api open", "copy open", (s) => s.p50).toFixed(2)}×, p99 ${ratio("api open", "copy open", (s) => s.p99).toFixed(2)}×`,
  );
  console.log(
    `  closed loop: events/s ${ratio("api closed", "copy closed", rate).toFixed(3)}×, p99 ${ratio("api closed", "copy closed", (s) => s.p99).toFixed(2)}×`,
  );
  const apiOpen = of("api open");
  const held = {
    rate: apiOpen.every((s) => s.errors === 0 && rate(s) >= GOAL.eventsPerSecond * 0.98),
    landed: steps.filter((s) => s.name.startsWith("api")).every((s) => s.landed === s.accepted),
    p99: perRound("api open", (s) => s.p99) <= GOAL.ackP99Ms,
  };
  console.log(
    `\nGoals: ≥ ${GOAL.eventsPerSecond} events/s accepted with no errors (offered ${RATE}): ${held.rate ? "held" : "NOT held"};` +
      ` every accepted event landed: ${held.landed ? "held" : "NOT held"};` +
      ` ack p99 ≤ ${GOAL.ackP99Ms} ms (median ${perRound("api open", (s) => s.p99).toFixed(2)} ms): ${held.p99 ? "held" : "NOT held"}`,
  );
  console.log(
    `load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  if (firstError) console.log(`first error: ${firstError}`);
  agent.destroy();
  server.send("stop");
  await new Promise((r) => child.once("exit", r));
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  if (server && server.exitCode === null) server.kill();
  await sql.end({ timeout: 5 });
  await scratch.drop();
}
process.exit(exitCode);

/** A brand with an events key and published content for the API; another brand for COPY's rows. */
async function seedEvents() {
  const { API_KEY_SCOPES, contentItems, templates } = await import("@/db/schema");
  const { createApiKey } = await import("@/lib/api-keys/create-api-key");
  const { db } = await import("@/lib/db");
  const { createBrand, createUser, signedIn } = await import("@/test/factories");
  const brandId = (await createBrand("Events bench")).id;
  const copyBrandId = (await createBrand("Events bench (COPY)")).id;
  const session = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
  const [template] = await db()
    .insert(templates)
    .values({ brandId, key: "bench", channel: "web", name: "bench" })
    .returning({ id: templates.id });
  const items = await db()
    .insert(contentItems)
    .values(
      Array.from({ length: CONTENT_ITEMS }, (_, i) => ({
        brandId,
        templateId: template!.id,
        channel: "web",
        title: `bench ${i}`,
        status: "approved" as const,
        publishedAt: new Date(),
      })),
    )
    .returning({ id: contentItems.id });
  const key = await createApiKey(session, {
    brandId,
    name: "events bench",
    scopes: [...API_KEY_SCOPES],
    rateLimitPerMinute: 100_000,
  });
  return { brandId, copyBrandId, apiKey: key.plaintext, contentIds: items.map((r) => r.id) };
}
