import { createDb, type Database } from "@/db/client";
import { getEnv, requireDatabaseUrl } from "./env";

let instance: Database | undefined;

/** The process-wide pool. Created on first use so that importing lib never connects. */
export function db(): Database {
  instance ??= createDb({
    url: requireDatabaseUrl(),
    max: getEnv().DB_POOL_MAX,
    applicationName: `brandgate-${process.title}`,
  });
  return instance;
}

export async function closeDb(): Promise<void> {
  const current = instance;
  instance = undefined;
  await current?.$client.end({ timeout: 5 });
}

/**
 * A query built once per pool instead of on every call: drizzle turns a query builder into
 * SQL text on each execution, which on a hot path (key auth, the chat lane's reads) was the
 * largest share of drizzle's CPU (bench/README.md). Pass the values as `sql.placeholder`s.
 * Keyed by pool, so a pool closed and reopened (tests) gets its own.
 */
export function preparedQuery<T>(build: (database: Database) => T): () => T {
  const built = new WeakMap<Database, T>();
  return () => {
    const database = db();
    let query = built.get(database);
    if (!query) {
      query = build(database);
      built.set(database, query);
    }
    return query;
  };
}
