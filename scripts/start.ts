/**
 * `npm start`: the whole product on one machine. Builds if needed, starts the embedded
 * database (unless DATABASE_URL is set), applies migrations, seeds the demo on first run,
 * then runs the model server, the workers and the web server as child processes with
 * prefixed logs, printing how long each phase took. Ctrl-C (or SIGTERM) stops them all,
 * workers draining their jobs.
 *
 * Bundled (`npm start`, via scripts/run.mjs) it runs the bundled children in dist-server/ on
 * the built UI in .next. From source (`npm run dev`, through tsx) it runs the children's
 * TypeScript through tsx and Next.js in development mode: no build, edits apply on restart
 * (server code) or at once (the UI).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { closeDb, db } from "@/lib/db";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "@/lib/demo/seed-demo";
import { EnvError, getEnv, processEnv, resetEnvCache } from "@/lib/env";
import { prepareDatabase } from "@/lib/setup/prepare-database";
import { openDatabase, RUNNING_DATABASE_FILE } from "./database";
import { needsBuild } from "./needs-build";

process.title = "brandgate";
// Next.js would otherwise try to send anonymous telemetry: nothing here reaches the network.
process.env.NEXT_TELEMETRY_DISABLED = "1";
const root = path.resolve(import.meta.dirname, "..");
const COLORS = { db: 36, model: 35, workers: 33, web: 32, build: 34, start: 37 } as const;

/** Defined as true by scripts/build-server.mjs; undeclared when tsx runs this file. */
declare const __BRANDGATE_BUNDLE__: boolean | undefined;
const bundled = typeof __BRANDGATE_BUNDLE__ !== "undefined" && __BRANDGATE_BUNDLE__;

/** The children, as bundles in dist-server/ or (from source) as TypeScript through tsx. */
const ENTRIES = {
  model: { bundle: "dist-server/model-server.mjs", source: "server/model-server.ts" },
  workers: { bundle: "dist-server/workers.mjs", source: "workers/index.ts" },
  web: { bundle: "dist-server/web.mjs", source: "server/index.ts" },
} as const;

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Runs one start phase and prints how long it took. */
async function phase<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  say("start", `${label}: ${seconds(started)}`);
  return result;
}

function say(name: keyof typeof COLORS, line: string): void {
  const tag = process.stdout.isTTY ? `\x1b[${COLORS[name]}m[${name}]\x1b[0m` : `[${name}]`;
  process.stdout.write(`${tag} ${line}\n`);
}

function pipe(name: keyof typeof COLORS, child: ChildProcess): void {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = "";
    stream?.on("data", (chunk: Buffer) => {
      const lines = (rest + chunk.toString("utf8")).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) say(name, line);
    });
  }
}

/** AUTH_SECRET for the embedded setup: created once, kept beside the data, never printed. */
function ensureAuthSecret(dataDir: string): void {
  if (getEnv().AUTH_SECRET) return;
  const file = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600 });
  }
  process.env.AUTH_SECRET = fs.readFileSync(file, "utf8").trim();
  resetEnvCache();
}

async function run(
  cmd: string,
  args: string[],
  name: keyof typeof COLORS,
  env: NodeJS.ProcessEnv = processEnv(),
): Promise<void> {
  const child = spawn(cmd, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  pipe(name, child);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${code}`);
}

async function main(): Promise<void> {
  let env = getEnv();
  const dataDir = path.resolve(root, env.DATA_DIR);
  ensureAuthSecret(dataDir);

  if (bundled && needsBuild(root)) {
    say("build", "building the web app (first start, or sources changed)…");
    // Types are checked by `npm run typecheck` (and CI), not again by next build: see next.config.mjs.
    const buildEnv = { ...processEnv(), BRANDGATE_BUILD_SKIPS_TYPECHECK: "1" };
    const next = path.join(root, "node_modules/next/dist/bin/next");
    await phase("build (next build)", () => run(process.execPath, [next, "build"], "build", buildEnv));
  }

  const { url, embedded } = await phase("database", () => openDatabase({ reuseRunning: false }));
  say(
    "db",
    embedded
      ? `embedded PostgreSQL (PGlite) in ${path.relative(root, dataDir)}/pglite, serving on ${new URL(url).host}`
      : "using DATABASE_URL",
  );
  // Where tools reach the embedded database while it runs (psql, the e2e specs' setup): its
  // port is picked at start. Loopback only; the URL carries the generated password, so 0600.
  // Commands run beside it (`npm run keys`) connect here instead of opening the data directory.
  const runningFile = path.join(dataDir, RUNNING_DATABASE_FILE);
  if (embedded) fs.writeFileSync(runningFile, `${url}\n`, { mode: 0o600 });
  env = getEnv();
  const seed = env.SEED_DEMO === "true" || (env.SEED_DEMO === "auto" && embedded !== null);
  await phase("migrate", () => prepareDatabase(url, { seed: false }));
  const seeded = seed ? await phase("seed", () => seedDemo(db())) : false;
  await closeDb();
  say("db", seeded ? "migrations applied; demo brands and users created" : "migrations applied");

  const childEnv: NodeJS.ProcessEnv = {
    ...processEnv(),
    NODE_ENV: bundled ? "production" : "development",
    NEXTAUTH_URL: env.PUBLIC_URL,
  };
  const children = new Map<string, ChildProcess>();
  let stopping = false;

  const start = (name: keyof typeof ENTRIES, label: string) => {
    const { bundle, source } = ENTRIES[name];
    const started = performance.now();
    const child = spawn(process.execPath, bundled ? [bundle] : ["--import", "tsx", source], {
      cwd: root,
      env: childEnv,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    children.set(name, child);
    pipe(name, child);
    child.on("exit", (code, signal) => {
      children.delete(name);
      if (!stopping) {
        say(name, `exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
        void stopAll(1);
      }
    });
    return new Promise<void>((resolve) =>
      child.on("message", (m: { type?: string }) => {
        if (m?.type !== "ready") return;
        say("start", `${label} ready: ${seconds(started)}`);
        resolve();
      }),
    );
  };

  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    say("web", "stopping…");
    const exits = [...children.values()].map(
      (child) =>
        new Promise<void>((resolve) =>
          child.exitCode !== null ? resolve() : child.once("exit", () => resolve()),
        ),
    );
    for (const child of children.values()) child.kill("SIGTERM");
    const killer = setTimeout(() => {
      for (const child of children.values()) child.kill("SIGKILL");
    }, env.WORKER_SHUTDOWN_TIMEOUT_MS + 5000);
    await Promise.all(exits);
    clearTimeout(killer);
    if (embedded) fs.rmSync(runningFile, { force: true });
    await embedded?.stop();
    say("db", "stopped");
    process.exit(exitCode);
  };
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));

  const ready = [start("model", "model server"), start("workers", "workers"), start("web", "web")];

  if (seed) {
    say("web", `demo sign-in: ${DEMO_USERS.map((u) => u.email).join(", ")} — password "${DEMO_PASSWORD}"`);
  }
  say("web", `Brandgate is starting on ${env.PUBLIC_URL}`);
  await Promise.all(ready);
  // performance.now() counts from this process's start, so this includes bundling.
  say("start", `all ready: ${seconds(0)} after npm start`);
}

main().catch((err: unknown) => {
  console.error(err instanceof EnvError ? err.message : err);
  process.exit(1);
});
