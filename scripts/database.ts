import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/db/embedded/start-embedded";
import { getEnv, resetEnvCache } from "@/lib/env";

/** Where a running launcher says its embedded database listens (loopback; 0600: it holds the password). */
export const RUNNING_DATABASE_FILE = "database-url";

/**
 * For command-line entry points: the configured PostgreSQL, or the embedded database under
 * DATA_DIR when DATABASE_URL is unset. Sets DATABASE_URL for this process and its children.
 * A command run beside `npm start` (`npm run keys`, `npm run audit:verify`) uses the database
 * the launcher serves: one PGlite data directory must never be opened by two processes.
 */
export async function openDatabase(
  options: { reuseRunning?: boolean } = {},
): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  const env = getEnv();
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: null };
  // The launcher's AUTH_SECRET (it keys the audit chain too), for commands run beside it.
  const secretFile = path.resolve(env.DATA_DIR, "auth-secret");
  if (!env.AUTH_SECRET && fs.existsSync(secretFile)) {
    process.env.AUTH_SECRET = fs.readFileSync(secretFile, "utf8").trim();
  }
  const running = options.reuseRunning === false ? null : await runningDatabase(env.DATA_DIR);
  if (running) {
    process.env.DATABASE_URL = running;
    resetEnvCache();
    return { url: running, embedded: null };
  }
  const embedded = await startEmbeddedDatabase({ dataDir: path.resolve(env.DATA_DIR, "pglite") });
  process.env.DATABASE_URL = embedded.url;
  resetEnvCache();
  return { url: embedded.url, embedded };
}

/** The URL a running launcher wrote, if something still answers on its port (a stale file does not). */
async function runningDatabase(dataDir: string): Promise<string | null> {
  const file = path.resolve(dataDir, RUNNING_DATABASE_FILE);
  if (!fs.existsSync(file)) return null;
  const url = fs.readFileSync(file, "utf8").trim();
  const { hostname, port } = new URL(url);
  const answers = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
  return answers ? url : null;
}
