/**
 * The embedded database must not be open to every local user: its loopback port asks for a
 * generated password (kept beside the auth secret, 0600), and its files are private.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./start-embedded";

let dataDir: string;
let embedded: EmbeddedDatabase;

beforeAll(async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "bg-embedded-"));
  fs.chmodSync(root, 0o755);
  dataDir = path.join(root, "pglite");
  embedded = await startEmbeddedDatabase({ dataDir });
}, 120_000);
afterAll(async () => {
  await embedded?.stop();
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

async function connect(url: string): Promise<unknown> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    const [row] = await sql`select 1 as one`;
    return row;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

describe("the embedded database", () => {
  it("refuses a connection without the password, or with a wrong one", async () => {
    const port = new URL(embedded.url).port;
    await expect(connect(`postgres://postgres@127.0.0.1:${port}/postgres`)).rejects.toThrow(/password/i);
    await expect(connect(`postgres://postgres:guess@127.0.0.1:${port}/postgres`)).rejects.toThrow(
      /password authentication failed/i,
    );
    expect(await connect(embedded.url)).toEqual({ one: 1 });
  });

  it("keeps a generated password beside the data, readable by its owner only", () => {
    const file = path.join(path.dirname(dataDir), "database-password");
    const password = fs.readFileSync(file, "utf8").trim();
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect(decodeURIComponent(new URL(embedded.url).password)).toBe(password);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it("keeps every data file 0600 and every directory 0700, after writes too", async () => {
    const sql = postgres(embedded.url, { max: 1, onnotice: () => {} });
    await sql`create table if not exists perm_probe (id int)`;
    await sql`insert into perm_probe select generate_series(1, 1000)`;
    await sql`checkpoint`;
    await sql.end();
    const loose: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        const mode = fs.statSync(full).mode & 0o777;
        if (entry.isDirectory()) {
          if (mode !== 0o700) loose.push(`${full} ${mode.toString(8)}`);
          walk(full);
        } else if (mode & 0o077) loose.push(`${full} ${mode.toString(8)}`);
      }
    };
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    walk(dataDir);
    expect(loose.slice(0, 5)).toEqual([]);
  });
});
