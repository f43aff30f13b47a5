import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };

export interface DbOptions {
  url: string;
  max?: number;
  /** Shown in pg_stat_activity: which process holds a connection. */
  applicationName?: string;
}

/** One driver for both modes: postgres.js over the wire, to PGlite's socket or to PostgreSQL. */
export function createDb(options: DbOptions): Database {
  const client = postgres(options.url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connect_timeout: 10,
    idle_timeout: 60,
    connection: { application_name: options.applicationName ?? "brandgate" },
  });
  return drizzle({ client, schema, casing: "snake_case" }) as Database;
}

/** A transaction handed to `db().transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Anything queries can run on: the pool, or a transaction that must commit together. */
export type Executor = Database | Tx;
