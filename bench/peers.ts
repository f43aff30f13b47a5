/**
 * `npm run bench:peers`: Brandgate's governed chat against Portkey's open-source gateway, in
 * one run on loopback, each in its own process:
 *
 * - `direct`: the OpenAI-compatible mock upstream itself (instant, or 50 ms late);
 * - `raw`: a bare node:http pass-through to the mock, the floor;
 * - `portkey`: @portkey-ai/gateway's node server, sent to the mock with its custom-host header;
 * - `brandgate`: `POST /api/v1/chat/completions` through buildApi(): key auth, rate limit and
 *   quota, input and output checks, rollout routing (a 10% split), the call and its attempt
 *   recorded in PostgreSQL;
 * - `web`: the same call through the production web server as `npm start` runs it (the bundle
 *   dist-server/web.mjs: node:http dispatch in front of Fastify, Next.js beside it).
 *
 * Load comes from autocannon in another process, closed loop, for BENCH_SECONDS (5) a step,
 * over BENCH_ROUNDS (3) rounds, the targets' order rotating each round. CPU per request is
 * the target's own process from /proc (for Brandgate plus the PostgreSQL backends of its
 * database and the server's WAL writer, checkpointer and background writer); RSS is the
 * target process's, the largest seen at the end of a step. Ratios against Portkey are taken
 * per round and their median reported. A JSON summary goes to bench/results/.
 *
 *   BENCH_SECONDS=5 BENCH_ROUNDS=3 npm run bench:peers
 *   BENCH_SYNCHRONOUS_COMMIT=off (the bench's database commits without waiting for the WAL flush)
 *   BENCH_TARGETS=brandgate BENCH_SCENARIOS=c50-0ms BENCH_PROFILE=dir
 *     (a CPU profile of Brandgate during its first recorded step, into dir, and of the web
 *     target's whole life by node --cpu-prof; summarise one with
 *     `node --import tsx bench/peers/profile-top.ts dir/<file>.cpuprofile`)
 *
 * PostgreSQL: BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres) is where a scratch
 * database is created, and dropped at the end.
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { LoadJob, LoadResult } from "./peers/load";
import { cpuMeter, rssMiB } from "./peers/proc";
import { buildServer, bundleIsStale } from "../scripts/build-server.mjs";
import { needsBuild } from "../scripts/needs-build";
import { GOALS, isBrandgate, report, type Scenario, type Step, type TargetName } from "./peers/report";
import { BENCH_AUTH_SECRET, createScratchDatabase } from "./scratch-database";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PROFILE_DIR = process.env.BENCH_PROFILE;
const ALL_SCENARIOS: Scenario[] = [
  { id: "c1-0ms", connections: 1, delayMs: 0 },
  { id: "c10-0ms", connections: 10, delayMs: 0 },
  { id: "c50-0ms", connections: 50, delayMs: 0 },
  { id: "c50-50ms", connections: 50, delayMs: 50 },
  { id: "c200-50ms", connections: 200, delayMs: 50 },
];
const pick = <T extends string>(env: string | undefined, all: readonly T[]) =>
  env ? all.filter((x) => env.split(",").includes(x)) : [...all];
const scenarios = ALL_SCENARIOS.filter((s) =>
  pick(
    process.env.BENCH_SCENARIOS,
    ALL_SCENARIOS.map((x) => x.id),
  ).includes(s.id),
);
// Ratios need Portkey and added latency needs direct: they run whatever else was picked.
const targets = [
  ...new Set<TargetName>([
    "direct",
    "portkey",
    ...pick<TargetName>(process.env.BENCH_TARGETS, ["direct", "raw", "portkey", "brandgate", "web"]),
  ]),
];
const PROMPT = "Write one line about our new rain jacket for weekend hikers.";
const EXPECTED = "Our new rain jacket keeps weekend hikers dry on every trail.";

const children: ChildProcess[] = [];
const here = path.dirname(new URL(import.meta.url).pathname);

/** A child speaking IPC, resolved with its first message (`{ port }` or `{ ready }`). */
function forkTs(file: string, env: Record<string, string> = {}, execArgv: string[] = []) {
  const child = fork(path.join(here, "peers", file), [], {
    execArgv: ["--import", "tsx", ...execArgv],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  children.push(child);
  return new Promise<{ child: ChildProcess; port: number }>((resolve, reject) => {
    child.once("message", (m: { port?: number }) => resolve({ child, port: m.port ?? 0 }));
    child.once("exit", (code) => reject(new Error(`${file} exited (${code}) before it was ready`)));
  });
}

/** Sends a message and waits for the child's answer. */
function ask(child: ChildProcess, message: string) {
  return new Promise<unknown>((resolve) => {
    child.once("message", resolve);
    child.send(message);
  });
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

async function waitFor(url: string) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered`);
}

// ---- the database, seeded once from this process -------------------------------------------
const scratch = await createScratchDatabase("peers");
const { name: dbName, url: dbUrl, admin } = scratch;

let exitCode = 0;
try {
  await scratch.migrate();
  // BENCH_SYNCHRONOUS_COMMIT=off: every transaction of the bench's database commits without
  // waiting for its WAL flush — the figure for the decision on the call record's commit
  // (bench/README.md). At c=1 the call record is the call's only durable write.
  if (process.env.BENCH_SYNCHRONOUS_COMMIT === "off")
    await admin.unsafe(`alter database ${dbName} set synchronous_commit = off`);
  const { seedBench } = await import("./peers/seed");
  const seed = await seedBench();
  const { closeDb } = await import("@/lib/db");
  await closeDb();

  // ---- the processes ------------------------------------------------------------------------
  const mock = await forkTs("mock-upstream.ts");
  const mockUrl = `http://127.0.0.1:${mock.port}`;
  const raw = await forkTs("raw-proxy.ts", { UPSTREAM: mockUrl });
  const portkeyPort = await freePort();
  const portkey = spawn(
    process.execPath,
    [
      path.resolve("node_modules/@portkey-ai/gateway/build/start-server.js"),
      `--port=${portkeyPort}`,
      "--headless",
    ],
    { env: { ...process.env, NODE_ENV: "production" }, stdio: ["ignore", "ignore", "inherit"] },
  );
  children.push(portkey);
  const brandgate = await forkTs("brandgate-server.ts", {
    DATABASE_URL: dbUrl,
    MODEL_BASE_URL: `${mockUrl}/v1`,
    NODE_ENV: "production",
    AUTH_SECRET: BENCH_AUTH_SECRET,
    ...(PROFILE_DIR && { BENCH_PROFILE: path.resolve(PROFILE_DIR) }),
  });
  // The production web server as `npm start` runs it: the bundle (dist-server/web.mjs), its
  // node:http dispatch sending /api/v1/* to Fastify and the rest to Next.js (built in .next).
  let web: { child: ChildProcess; port: number } | undefined;
  if (targets.includes("web")) {
    if (needsBuild(process.cwd())) throw new Error("the web target needs the UI built: npm run build");
    if (bundleIsStale()) await buildServer();
    const port = await freePort();
    // BENCH_PROFILE: node --cpu-prof over the web server's whole life (written when it exits).
    const profile = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(PROFILE_DIR)}`] : [];
    const child = spawn(process.execPath, [...profile, "dist-server/web.mjs"], {
      env: {
        ...process.env,
        DATABASE_URL: dbUrl,
        MODEL_BASE_URL: `${mockUrl}/v1`,
        NODE_ENV: "production",
        AUTH_SECRET: BENCH_AUTH_SECRET,
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
      },
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.on("message", (m: { type?: string }) => m?.type === "ready" && resolve());
      child.once("exit", (code) => reject(new Error(`web exited (${code}) before it was ready`)));
    });
    web = { child, port };
  }
  const loader = await forkTs("load.ts");
  await waitFor(`http://127.0.0.1:${portkeyPort}/`);

  const json = { "content-type": "application/json" };
  const openAiBody = JSON.stringify({ model: "bench-model", messages: [{ role: "user", content: PROMPT }] });
  const jobs: Record<TargetName, Omit<LoadJob, "connections" | "seconds"> & { pid: number }> = {
    direct: { url: `${mockUrl}/v1/chat/completions`, headers: json, body: openAiBody, pid: mock.child.pid! },
    raw: {
      url: `http://127.0.0.1:${raw.port}/v1/chat/completions`,
      headers: { ...json, authorization: "Bearer sk-bench" },
      body: openAiBody,
      pid: raw.child.pid!,
    },
    portkey: {
      url: `http://127.0.0.1:${portkeyPort}/v1/chat/completions`,
      headers: {
        ...json,
        authorization: "Bearer sk-bench",
        "x-portkey-provider": "openai",
        "x-portkey-custom-host": `${mockUrl}/v1`,
      },
      body: openAiBody,
      pid: portkey.pid!,
    },
    brandgate: {
      url: `http://127.0.0.1:${brandgate.port}/api/v1/chat/completions`,
      headers: {
        ...json,
        authorization: `Bearer ${seed.apiKey}`,
        "x-brandgate-brand": seed.brandId,
        "x-brandgate-channel": "social",
      },
      body: JSON.stringify({ model: seed.modelName, messages: [{ role: "user", content: PROMPT }] }),
      pid: brandgate.child.pid!,
    },
    web: {
      url: `http://127.0.0.1:${web?.port}/api/v1/chat/completions`,
      headers: {
        ...json,
        authorization: `Bearer ${seed.apiKey}`,
        "x-brandgate-brand": seed.brandId,
        "x-brandgate-channel": "social",
      },
      body: JSON.stringify({ model: seed.modelName, messages: [{ role: "user", content: PROMPT }] }),
      pid: web?.child.pid ?? 0,
    },
  };

  // PostgreSQL's share of Brandgate's work: its database's backends and the shared writers.
  const pgPids = async () =>
    (
      await admin<{ pid: number }[]>`
        select pid from pg_stat_activity
        where pid <> pg_backend_pid()
          and (datname = ${dbName} or backend_type in ('walwriter', 'checkpointer', 'background writer'))`
    ).map((r) => r.pid);

  // Statements Brandgate ran (each is its own transaction here); backends report theirs
  // at most a second late, so over a step this is close, not exact.
  const xacts = async () =>
    Number(
      (
        await admin<{ n: string }[]>`
          select xact_commit + xact_rollback as n from pg_stat_database where datname = ${dbName}`
      )[0]!.n,
    );

  const setDelay = async (ms: number) => {
    const r = await fetch(`${mockUrl}/__bench/delay?ms=${ms}`, { method: "POST" });
    if (!r.ok) throw new Error("could not set the mock's delay");
  };
  const load = (job: LoadJob) =>
    new Promise<LoadResult>((resolve) => {
      loader.child.once("message", (r: LoadResult) => resolve(r));
      loader.child.send(job);
    });

  // One request each first: a target that refuses the bench's request is a bench bug, not a figure.
  for (const t of targets) {
    const j = jobs[t];
    const r = await fetch(j.url, { method: "POST", headers: j.headers, body: j.body });
    const text = await r.text();
    if (!r.ok || !text.includes(EXPECTED)) throw new Error(`${t} probe: ${r.status} ${text.slice(0, 500)}`);
  }

  const pg = cpuMeter(pgPids);
  const steps: Step[] = [];
  async function step(round: number, s: Scenario, t: TargetName, seconds: number) {
    await setDelay(s.delayMs);
    // The profile covers Brandgate's first recorded step only: one window, no warm-up.
    const profiling = PROFILE_DIR && t === "brandgate" && round === 1 && s.id === scenarios[0]!.id;
    if (profiling) {
      mkdirSync(PROFILE_DIR, { recursive: true });
      await ask(brandgate.child, "profile:start");
    }
    const own = cpuMeter(async () => [jobs[t].pid]);
    await own.start();
    const xactsBefore = isBrandgate(t) ? await xacts() : 0;
    if (isBrandgate(t)) await pg.start();
    const { pid, ...job } = jobs[t];
    const result = await load({ ...job, connections: s.connections, seconds });
    const serverCpuMs = await own.stop();
    const pgCpuMs = isBrandgate(t) ? await pg.stop() : 0;
    const pgXacts = isBrandgate(t) ? (await xacts()) - xactsBefore : 0;
    if (profiling)
      console.log(
        `  profile: ${((await ask(brandgate.child, "profile:stop")) as { profile: string }).profile}`,
      );
    return {
      round,
      scenario: s.id,
      target: t,
      ...result,
      serverCpuMs,
      pgCpuMs,
      pgXacts,
      rssMiB: rssMiB(pid),
    };
  }

  const machine = {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: (await admin<{ v: string }[]>`select version() as v`)[0]!.v,
    portkey: (await import("@portkey-ai/gateway/package.json", { with: { type: "json" } })).default.version,
    loadAvgAtStart: os.loadavg(),
  };
  console.log(
    `Peer bench: ${ROUNDS} round(s) × ${scenarios.length} scenario(s) × ${targets.length} target(s), ${SECONDS}s a step`,
  );
  console.log(`${machine.cpu}, ${machine.cores} cores, ${machine.memGiB} GiB, node ${machine.node}`);

  // Warm-up, not recorded: JIT, connection pools, Brandgate's caches.
  for (const t of targets)
    await step(0, { id: "warm", connections: 10, delayMs: 0 }, t, Math.min(2, SECONDS));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const s of scenarios) {
      const order = targets.map((_, i) => targets[(i + round) % targets.length]!);
      for (const t of order) {
        const r = await step(round, s, t, SECONDS);
        steps.push(r);
        const p50 = Number.isFinite(r.p50) ? `${r.p50.toFixed(2)} ms` : "–";
        process.stdout.write(
          `  round ${round} ${s.id.padEnd(9)} ${t.padEnd(9)} ${(r.ok / r.elapsedS).toFixed(0).padStart(6)} req/s` +
            ` p50 ${p50}, ${r.errors} errors\n`,
        );
      }
    }
  }
  const summary = report({ steps, scenarios, targets, rounds: ROUNDS });
  const out = {
    command: `BENCH_SECONDS=${SECONDS} BENCH_ROUNDS=${ROUNDS} npm run bench:peers`,
    at: new Date().toISOString(),
    machine: { ...machine, loadAvgAtEnd: os.loadavg() },
    bounds: GOALS,
    ...summary,
    steps,
  };
  mkdirSync("bench/results", { recursive: true });
  const file = `bench/results/peers-${out.at.replace(/[:.]/g, "-")}.json`;
  writeFileSync(file, JSON.stringify(out, null, 2));
  console.log(`\nJSON summary: ${file}`);
  brandgate.child.send("stop");
  await new Promise((r) => brandgate.child.once("exit", r));
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  for (const c of children) if (c.exitCode === null) c.kill();
  await scratch.drop();
}
process.exit(exitCode);
