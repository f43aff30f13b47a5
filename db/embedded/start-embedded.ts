import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { EmbeddedPostgresServer } from "./socket-server";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite (Postgres compiled to WASM) and serves it on a loopback port, so the app
 * talks to it with the same driver and SQL it uses against PostgreSQL.
 * `dataDir` undefined keeps the database in memory (tests).
 */
export async function startEmbeddedDatabase(
  options: { dataDir?: string; port?: number } = {},
): Promise<EmbeddedDatabase> {
  if (options.dataDir) fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const pg = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  const server = new EmbeddedPostgresServer({ db: pg, port: options.port ?? 0 });
  try {
    await server.start();
  } catch (err) {
    await pg.close();
    throw err;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${server.port}/postgres`,
    async stop() {
      await server.stop();
      await pg.close();
    },
  };
}
