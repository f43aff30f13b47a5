import fs from "node:fs";
import path from "node:path";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/db/embedded/start-embedded";
import { getEnv, resetEnvCache } from "@/lib/env";

/**
 * For command-line entry points: the configured PostgreSQL, or the embedded database under
 * DATA_DIR when DATABASE_URL is unset. Sets DATABASE_URL for this process and its children.
 */
export async function openDatabase(): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  const env = getEnv();
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: null };
  // The launcher's AUTH_SECRET (it keys the audit chain too), for commands run beside it.
  const secretFile = path.resolve(env.DATA_DIR, "auth-secret");
  if (!env.AUTH_SECRET && fs.existsSync(secretFile)) {
    process.env.AUTH_SECRET = fs.readFileSync(secretFile, "utf8").trim();
  }
  const embedded = await startEmbeddedDatabase({ dataDir: path.resolve(env.DATA_DIR, "pglite") });
  process.env.DATABASE_URL = embedded.url;
  resetEnvCache();
  return { url: embedded.url, embedded };
}
