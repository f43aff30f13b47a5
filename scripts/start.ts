/**
 * `npm start`: the whole product on one machine. Builds if needed, starts the embedded
 * database (unless DATABASE_URL is set), applies migrations, seeds the demo on first run,
 * then runs the model server, the workers and the web server as child processes with
 * prefixed logs. Ctrl-C (or SIGTERM) stops them all, workers draining their jobs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { closeDb } from "@/lib/db";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/demo/seed-demo";
import { EnvError, getEnv, processEnv, resetEnvCache } from "@/lib/env";
import { prepareDatabase } from "@/lib/setup/prepare-database";
import { openDatabase } from "./database";
import { needsBuild } from "./needs-build";

process.title = "brandgate";
// Next.js would otherwise try to send anonymous telemetry: nothing here reaches the network.
process.env.NEXT_TELEMETRY_DISABLED = "1";
const root = path.resolve(import.meta.dirname, "..");
const COLORS = { db: 36, model: 35, workers: 33, web: 32, build: 34 } as const;

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

async function run(cmd: string, args: string[], name: keyof typeof COLORS): Promise<void> {
  const child = spawn(cmd, args, { cwd: root, env: processEnv(), stdio: ["ignore", "pipe", "pipe"] });
  pipe(name, child);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${code}`);
}

async function main(): Promise<void> {
  let env = getEnv();
  const dataDir = path.resolve(root, env.DATA_DIR);
  ensureAuthSecret(dataDir);

  if (needsBuild(root)) {
    say("build", "building the web app (first start, or sources changed)…");
    await run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], "build");
  }

  const { url, embedded } = await openDatabase();
  say(
    "db",
    embedded
      ? `embedded PostgreSQL (PGlite) in ${path.relative(root, dataDir)}/pglite, serving on ${new URL(url).host}`
      : "using DATABASE_URL",
  );
  // Where tools reach the embedded database while it runs (psql, the e2e specs' setup): its
  // port is picked at start. Loopback only; the URL carries the generated password, so 0600.
  if (embedded) fs.writeFileSync(path.join(dataDir, "database-url"), `${url}\n`, { mode: 0o600 });
  env = getEnv();
  const seed = env.SEED_DEMO === "true" || (env.SEED_DEMO === "auto" && embedded !== null);
  const { seeded } = await prepareDatabase(url, { seed });
  await closeDb();
  say("db", seeded ? "migrations applied; demo brands and users created" : "migrations applied");

  const childEnv: NodeJS.ProcessEnv = {
    ...processEnv(),
    NODE_ENV: "production",
    NEXTAUTH_URL: env.PUBLIC_URL,
  };
  const children = new Map<string, ChildProcess>();
  let stopping = false;

  const start = (name: "model" | "workers" | "web", entry: string) => {
    const child = spawn(process.execPath, ["--import", "tsx", entry], {
      cwd: root,
      env: childEnv,
      stdio: ["ignore", "pipe", "pipe"],
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
    await embedded?.stop();
    say("db", "stopped");
    process.exit(exitCode);
  };
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));

  start("model", "server/model-server.ts");
  start("workers", "workers/index.ts");
  start("web", "server/index.ts");

  if (seed) {
    say("web", `demo sign-in: ${DEMO_USERS.map((u) => u.email).join(", ")} — password "${DEMO_PASSWORD}"`);
  }
  say("web", `Brandgate is starting on ${env.PUBLIC_URL}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof EnvError ? err.message : err);
  process.exit(1);
});
