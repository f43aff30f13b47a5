import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { EmbeddedPostgresServer } from "./socket-server";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** Beside the data directory (so beside the auth secret, in DATA_DIR): created once, 0600. */
export const PASSWORD_FILE = "database-password";

/**
 * Starts PGlite (Postgres compiled to WASM) and serves it on a loopback port, so the app
 * talks to it with the same driver and SQL it uses against PostgreSQL.
 * `dataDir` undefined keeps the database in memory (tests) with a password for this run.
 *
 * A loopback port and a data directory are reachable by every local user, so the port asks
 * for a generated password and the files are the owner's only: directories 0700, files 0600
 * (PGlite's file system writes with the process umask, so it is tightened for this process).
 */
export async function startEmbeddedDatabase(
  options: { dataDir?: string; port?: number } = {},
): Promise<EmbeddedDatabase> {
  let password: string;
  if (options.dataDir) {
    const parent = path.dirname(options.dataDir);
    fs.mkdirSync(parent, { recursive: true, mode: 0o700 });
    password = readOrCreatePassword(path.join(parent, PASSWORD_FILE));
    process.umask(0o077);
    fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    makePrivate(options.dataDir);
  } else {
    password = randomBytes(24).toString("base64url");
  }
  const pg = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  const server = new EmbeddedPostgresServer({ db: pg, port: options.port ?? 0, password });
  try {
    await server.start();
  } catch (err) {
    await pg.close();
    throw err;
  }
  if (options.dataDir) makePrivate(options.dataDir);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${server.port}/postgres`,
    async stop() {
      await server.stop();
      await pg.close();
    },
  };
}

function readOrCreatePassword(file: string): string {
  try {
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  fs.chmodSync(file, 0o600);
  return fs.readFileSync(file, "utf8").trim();
}

/** Directories 0700, files 0600: repairs data written by earlier versions (0666 catalogs). */
function makePrivate(dir: string): void {
  fs.chmodSync(dir, 0o700);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) makePrivate(full);
    else if (entry.isFile()) fs.chmodSync(full, 0o600);
  }
}
