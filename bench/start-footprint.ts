/**
 * `npm run bench:start-footprint [rounds]`: what running TypeScript through tsx costs the
 * product's processes, against the bundles `npm start` runs (dist-server/, DESIGN.md).
 * For each mode, alternating, it starts the workers and then the web server on a scratch
 * database (on BENCH_PG_URL) and reads from /proc: CPU (user + sys) from spawn to the
 * process's "ready" message, and resident memory after it has idled for IDLE_MS.
 * Needs the UI built (`npm run build`). Linux only (/proc).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildServer, bundleIsStale } from "../scripts/build-server.mjs";
import { needsBuild } from "../scripts/needs-build";
import { createScratchDatabase } from "./scratch-database";

const root = path.resolve(import.meta.dirname, "..");
const ROUNDS = Number(process.argv[2] ?? 3);
const IDLE_MS = 10_000;
const PORT = Number(process.env.BENCH_PORT ?? 3290);
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

type Mode = "tsx" | "bundled";
type Kind = "web" | "workers";
const ARGS: Record<Mode, Record<Kind, string[]>> = {
  tsx: { web: ["--import", "tsx", "server/index.ts"], workers: ["--import", "tsx", "workers/index.ts"] },
  bundled: { web: ["dist-server/web.mjs"], workers: ["dist-server/workers.mjs"] },
};

/** user + sys CPU seconds of a process so far (fields 14 and 15 of /proc/<pid>/stat). */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function measure(
  mode: Mode,
  kind: Kind,
): Promise<{ bootCpu: number; bootMs: number; idleRss: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ARGS[mode][kind], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      PUBLIC_URL: `http://localhost:${PORT}`,
    },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let errors = "";
  child.stderr!.on("data", (d: Buffer) => (errors += d.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      child.on("message", (m: { type?: string }) => m?.type === "ready" && resolve());
      child.once("exit", (code) =>
        reject(new Error(`${mode} ${kind} exited (${code}) before ready:\n${errors}`)),
      );
    });
    const bootCpu = cpuSeconds(child.pid!);
    const bootMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, IDLE_MS));
    return { bootCpu, bootMs, idleRss: rssMiB(child.pid!) };
  } finally {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return Number.isInteger(mid) ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[Math.floor(mid)]!;
}

async function main() {
  if (needsBuild(root)) throw new Error("build the UI first: npm run build");
  if (bundleIsStale(root)) await buildServer(root);
  const scratch = await createScratchDatabase("footprint");
  try {
    await scratch.migrate();
    const results: Record<string, { bootCpu: number; bootMs: number; idleRss: number }[]> = {};
    for (let round = 0; round < ROUNDS; round++)
      for (const mode of round % 2 ? (["bundled", "tsx"] as const) : (["tsx", "bundled"] as const))
        for (const kind of ["workers", "web"] as const) {
          const r = await measure(mode, kind);
          (results[`${kind} ${mode}`] ??= []).push(r);
          console.log(
            `round ${round + 1} ${kind.padEnd(7)} ${mode.padEnd(7)} boot CPU ${r.bootCpu.toFixed(2)} s, ` +
              `ready in ${(r.bootMs / 1000).toFixed(1)} s, idle RSS ${r.idleRss.toFixed(0)} MiB`,
          );
        }
    console.log(`\nmedians of ${ROUNDS} rounds (Node ${process.version}, idle ${IDLE_MS / 1000} s):\n`);
    console.log("| process | run as  | boot CPU (user+sys) | spawn → ready | idle RSS |");
    console.log("| ------- | ------- | ------------------: | ------------: | -------: |");
    for (const [key, rs] of Object.entries(results).sort()) {
      const [kind, mode] = key.split(" ");
      console.log(
        `| ${kind!.padEnd(7)} | ${mode!.padEnd(7)} | ${median(rs.map((r) => r.bootCpu)).toFixed(2)} s | ` +
          `${(median(rs.map((r) => r.bootMs)) / 1000).toFixed(1)} s | ${median(rs.map((r) => r.idleRss)).toFixed(0)} MiB |`,
      );
    }
  } finally {
    await scratch.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
