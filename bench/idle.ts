/**
 * `npm run bench:idle`: what the product spends doing nothing. Starts it as `npm start` runs it
 * (`node scripts/run.mjs start`: the bundled launcher, which hosts the embedded PGlite database
 * unless DATABASE_URL is set, and its children — web server, workers, model server) on a scratch
 * data directory, waits for every child's ready message and then SETTLE_S more, and reads
 * utime + stime of each process from /proc over MEASURE_S with no traffic: CPU milliseconds per
 * second, per process kind. Then the same on PostgreSQL (a scratch database on BENCH_PG_URL),
 * where the backends connected to that database count too (their /proc is readable when the
 * server runs on this machine), with the transactions a second they committed.
 *
 *   npm run bench:idle
 *   BENCH_IDLE_DATABASES=embedded BENCH_ROUNDS=2 BENCH_IDLE_SECONDS=30 BENCH_IDLE_SETTLE=15
 *
 * Needs the UI built (`npm run build`); bundles dist-server/ when stale. Linux only (/proc).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildServer, bundleIsStale } from "../scripts/build-server.mjs";
import { needsBuild } from "../scripts/needs-build";
import { cpuMs, rssMiB } from "./peers/proc";
import { createScratchDatabase } from "./scratch-database";

const root = path.resolve(import.meta.dirname, "..");
const MEASURE_S = Number(process.env.BENCH_IDLE_SECONDS ?? 30);
const SETTLE_S = Number(process.env.BENCH_IDLE_SETTLE ?? 15);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const PORT = Number(process.env.BENCH_PORT ?? 3291);
type Database = "embedded" | "postgres";
const DATABASES = (process.env.BENCH_IDLE_DATABASES ?? "embedded,postgres").split(",") as Database[];
const KINDS = ["launcher", "web", "workers", "model", "postgres"] as const;
type Kind = (typeof KINDS)[number];

const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
const commit = () => {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root }).toString().trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: root })
      .toString()
      .trim();
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return "unknown";
  }
};

/** The launcher's children by kind, from their parent pid and the bundle they run. */
function children(launcher: number): Map<Kind, number> {
  const found = new Map<Kind, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid !== launcher) continue;
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
      // Each child sets process.title (brandgate-web…), which replaces its command line.
      const kind: Kind | undefined = /brandgate-web|web\.mjs/.test(cmdline)
        ? "web"
        : /brandgate-workers|workers\.mjs/.test(cmdline)
          ? "workers"
          : /brandgate-model|model-server\.mjs/.test(cmdline)
            ? "model"
            : undefined;
      if (kind) found.set(kind, Number(entry));
    } catch {
      // gone between readdir and read
    }
  }
  return found;
}

interface Sample {
  database: Database;
  cpuMsPerS: Partial<Record<Kind, number>>;
  rss: Partial<Record<Kind, number>>;
  pgTxPerS?: number;
}

async function measure(database: Database): Promise<Sample> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "brandgate-idle-"));
  const scratch = database === "postgres" ? await createScratchDatabase("idle") : null;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    PUBLIC_URL: `http://localhost:${PORT}`,
    MODEL_SERVER_PORT: String(PORT + 8300),
    DATA_DIR: dataDir,
    // The same demo data on both databases (the launcher seeds only the embedded one by default).
    SEED_DEMO: "true",
    LOG_LEVEL: "warn",
  };
  if (scratch) env.DATABASE_URL = scratch.url;
  else delete env.DATABASE_URL;
  // The launcher makes its own AUTH_SECRET under DATA_DIR when unset, as on a user's machine.
  if (!scratch) delete env.AUTH_SECRET;
  if (scratch) delete process.env.DATABASE_URL;

  const launcher: ChildProcess = spawn(process.execPath, ["scripts/run.mjs", "start"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  try {
    await new Promise<void>((resolve, reject) => {
      const onData = (d: Buffer) => {
        output += d.toString();
        if (output.includes("all ready")) resolve();
      };
      launcher.stdout!.on("data", onData);
      launcher.stderr!.on("data", onData);
      launcher.once("exit", (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
    });
    await new Promise((r) => setTimeout(r, SETTLE_S * 1000));
    const pids = new Map<Kind, number[]>([["launcher", [launcher.pid!]]]);
    for (const [kind, pid] of children(launcher.pid!)) pids.set(kind, [pid]);
    const backends = async () =>
      scratch
        ? (
            await scratch.admin<{ pid: number }[]>`
              select pid from pg_stat_activity where datname = ${scratch.name} and pid <> pg_backend_pid()`
          ).map((r) => r.pid)
        : [];
    const xacts = async () =>
      scratch
        ? Number(
            (
              await scratch.admin<{ n: string }[]>`
                select xact_commit + xact_rollback as n from pg_stat_database where datname = ${scratch.name}`
            )[0]!.n,
          )
        : 0;
    const before = new Map<number, number>();
    const pgBefore = await backends();
    for (const p of [...[...pids.values()].flat(), ...pgBefore]) before.set(p, cpuMs(p));
    const xactsBefore = await xacts();
    await new Promise((r) => setTimeout(r, MEASURE_S * 1000));
    const pgAfter = await backends();
    const xactsAfter = await xacts();
    pids.set("postgres", [...new Set([...pgBefore, ...pgAfter])]);
    const sample: Sample = { database, cpuMsPerS: {}, rss: {} };
    for (const [kind, list] of pids) {
      if (kind === "postgres" && !scratch) continue;
      let ms = 0;
      for (const p of list) ms += Math.max(0, cpuMs(p) - (before.get(p) ?? 0));
      sample.cpuMsPerS[kind] = ms / MEASURE_S;
      if (kind !== "postgres") sample.rss[kind] = rssMiB(list[0]!);
    }
    // pg_stat_database lags by up to a second; over 30 s that is close enough.
    if (scratch) sample.pgTxPerS = (xactsAfter - xactsBefore) / MEASURE_S;
    return sample;
  } finally {
    const exited = new Promise((r) => (launcher.exitCode !== null ? r(null) : launcher.once("exit", r)));
    launcher.kill("SIGTERM");
    await exited;
    if (scratch) await scratch.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  if (needsBuild(root)) throw new Error("build the UI first: npm run build");
  if (bundleIsStale(root)) await buildServer(root);
  const at = commit();
  console.log(
    `bench:idle at ${at}, Node ${process.version}, ${os.cpus().length} cores; load average at start: ${loadavg()}`,
  );
  console.log(`settle ${SETTLE_S} s after all ready, then CPU over ${MEASURE_S} s, ${ROUNDS} round(s)\n`);
  const samples: Sample[] = [];
  for (let round = 0; round < ROUNDS; round++)
    for (const database of round % 2 ? [...DATABASES].reverse() : DATABASES) {
      const s = await measure(database);
      samples.push(s);
      const parts = KINDS.filter((k) => s.cpuMsPerS[k] !== undefined).map(
        (k) => `${k} ${s.cpuMsPerS[k]!.toFixed(1)}`,
      );
      console.log(
        `round ${round + 1} ${database.padEnd(8)} CPU ms/s: ${parts.join(", ")}` +
          (s.pgTxPerS !== undefined ? `; ${s.pgTxPerS.toFixed(1)} tx/s` : "") +
          ` (load ${loadavg()})`,
      );
    }

  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = sorted.length / 2;
    return Number.isInteger(mid) ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[Math.floor(mid)]!;
  };
  console.log(`\nmedians of ${ROUNDS} round(s), CPU ms per second idle (RSS MiB):\n`);
  console.log("| database | launcher | web | workers | model server | postgres backends | total | PG tx/s |");
  console.log("| -------- | -------: | --: | ------: | -----------: | ----------------: | ----: | ------: |");
  for (const database of DATABASES) {
    const mine = samples.filter((s) => s.database === database);
    const cell = (k: Kind) => {
      const cpu = mine.map((s) => s.cpuMsPerS[k]).filter((x): x is number => x !== undefined);
      if (!cpu.length) return "–";
      const rss = mine.map((s) => s.rss[k]).filter((x): x is number => x !== undefined);
      return `${median(cpu).toFixed(1)}` + (rss.length ? ` (${median(rss).toFixed(0)})` : "");
    };
    const total = median(mine.map((s) => Object.values(s.cpuMsPerS).reduce((a, b) => a + b, 0)));
    const tx = mine.map((s) => s.pgTxPerS).filter((x): x is number => x !== undefined);
    console.log(
      `| ${database} | ${KINDS.map(cell).join(" | ")} | **${total.toFixed(1)}** | ${tx.length ? median(tx).toFixed(1) : "–"} |`,
    );
  }
  console.log(`\nload average at end: ${loadavg()}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
