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
  const embedded = await startEmbeddedDatabase({ dataDir: path.resolve(env.DATA_DIR, "pglite") });
  process.env.DATABASE_URL = embedded.url;
  resetEnvCache();
  return { url: embedded.url, embedded };
}
