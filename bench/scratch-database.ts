import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import postgres from "postgres";

/** The server the benches make their scratch databases on. */
export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const BENCH_AUTH_SECRET = "bench-secret-that-is-at-least-32-characters-long";

/**
 * A database of the bench's own on `BENCH_PG_URL`, named after `prefix` and the process:
 * created here, made the process's `DATABASE_URL` (with a quiet log and an auth secret unless
 * set), migrated by `migrate()` and dropped — whoever is still connected — by `drop()`.
 * Lib is imported only inside `migrate`, after the environment names the database.
 */
export async function createScratchDatabase(prefix: string) {
  if (process.env.BENCH_DATABASE === "embedded") return createEmbeddedScratch();
  const name = `brandgate_${prefix}_${process.pid}`;
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = Object.assign(new URL(PG_ADMIN_URL), { pathname: `/${name}` }).toString();
  useDatabase(url);
  return {
    name,
    url,
    /** The database's server processes, when they are known up front (the embedded one). */
    pids: null as number[] | null,
    /** For the bench's own statistics queries on the server (pg_stat_*). */
    admin,
    migrate: () => migrate(url),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * `BENCH_DATABASE=embedded`: a fresh in-memory embedded database (PGlite and the socket server)
 * in a child process, so its CPU is its own (`pids`), the same shape as a scratch database.
 */
async function createEmbeddedScratch() {
  const child: ChildProcess = fork(path.join(import.meta.dirname, "embedded-database.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, LOG_LEVEL: "warn" },
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (m) => resolve((m as { url: string }).url));
    child.once("exit", (code) => reject(new Error(`the embedded database exited (${code})`)));
  });
  useDatabase(url);
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  return {
    name: "postgres",
    url,
    pids: [child.pid!] as number[] | null,
    admin,
    migrate: () => migrate(url),
    async drop() {
      await admin.end({ timeout: 1 });
      child.send("stop");
      await new Promise((r) => child.once("exit", r));
    },
  };
}

/** Makes `url` the process's database, with a quiet log and an auth secret unless set. */
function useDatabase(url: string): void {
  process.env.DATABASE_URL = url;
  process.env.LOG_LEVEL ??= "warn";
  process.env.AUTH_SECRET ??= BENCH_AUTH_SECRET;
}

/** Migrations and pg-boss's schema; lib is imported only now, after the environment names the database. */
async function migrate(url: string): Promise<void> {
  const { resetEnvCache } = await import("@/lib/env");
  resetEnvCache();
  const { prepareDatabase } = await import("@/lib/setup/prepare-database");
  await prepareDatabase(url, { seed: false });
}
