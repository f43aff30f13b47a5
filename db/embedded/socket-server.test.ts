/**
 * What PGlite's own protocol loop cannot do, the socket server carries: COPY FROM STDIN and TO
 * STDOUT as postgres.js and psql send them (simple Query), and CopyFail (COPY over the extended
 * protocol is not carried).
 */
import { Readable } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import { PGlite } from "@electric-sql/pglite";
import postgres, { type Sql } from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedPostgresServer } from "./socket-server";

const PASSWORD = "test-password";
let pg: PGlite;
let server: EmbeddedPostgresServer;
let sql: Sql;
const url = () => `postgres://postgres:${PASSWORD}@127.0.0.1:${server.port}/postgres`;

beforeAll(async () => {
  pg = await PGlite.create();
  server = new EmbeddedPostgresServer({ db: pg, password: PASSWORD });
  await server.start();
  sql = postgres(url(), { max: 2, onnotice: () => {} });
  await sql`create table t (a int, b text)`;
}, 120_000);
afterAll(async () => {
  await sql?.end({ timeout: 1 });
  await server?.stop();
  await pg?.close();
});

const count = async () => (await sql`select count(*)::int as n from t`)[0]!.n as number;

describe("the embedded database's socket server", () => {
  it("runs COPY FROM STDIN and answers COPY TO STDOUT", async () => {
    await sql`truncate t`;
    const rows = Array.from({ length: 5_000 }, (_, i) => `${i}\trow ${i}\n`);
    await pipeline(Readable.from(rows), await sql`copy t (a, b) from stdin`.writable());
    expect(await count()).toBe(5_000);

    let out = "";
    for await (const chunk of await sql`copy (select a, b from t where a < 3 order by a) to stdout`.readable())
      out += String(chunk);
    expect(out).toBe("0\trow 0\n1\trow 1\n2\trow 2\n");
  });

  it("stores nothing after CopyFail, and the connection goes on", async () => {
    await sql`truncate t`;
    const writable = await sql`copy t (a, b) from stdin`.writable();
    writable.write("1\tone\n");
    writable.destroy(new Error("the client changed its mind"));
    await expect(finished(writable)).rejects.toThrow("the client changed its mind");
    expect(await count()).toBe(0);
  });
});

describe("a client idle in a transaction", () => {
  let short: EmbeddedPostgresServer;
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
    short = new EmbeddedPostgresServer({ db, password: PASSWORD, idleInTransactionTimeoutMs: 300 });
    await short.start();
    await db.exec("create table u (a int)");
  }, 120_000);
  afterAll(async () => {
    await short?.stop();
    await db?.close();
  });
  const connect = (onclose?: () => void) =>
    postgres(`postgres://postgres:${PASSWORD}@127.0.0.1:${short.port}/postgres`, {
      max: 1,
      onnotice: () => {},
      onclose,
    });
  const count = async (sql: Sql) => (await sql`select count(*)::int as n from u`)[0]!.n as number;

  it("is disconnected after the timeout, its transaction rolled back, and the others go on", async () => {
    let closed = false;
    const idle = connect(() => (closed = true));
    const other = connect();
    try {
      const reserved = await idle.reserve();
      await reserved`begin`;
      await reserved`insert into u values (1)`;
      // Another client waits while the transaction is open, and runs once the timeout ends it.
      // (No query is sent on the dropped connection: postgres.js throws outside any promise
      // when a reserved connection is written after the server closed it.)
      const started = Date.now();
      expect(await count(other)).toBe(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      await expect.poll(() => closed).toBe(true);
    } finally {
      await idle.end({ timeout: 1 });
      await other.end({ timeout: 1 });
    }
  });

  it("lets a client that keeps working hold the database past the timeout", async () => {
    const busy = connect();
    try {
      await busy.begin(async (tx) => {
        for (let i = 0; i < 6; i++) {
          await tx`insert into u values (${i})`;
          await new Promise((r) => setTimeout(r, 100));
        }
      });
      expect(await count(busy)).toBe(6);
    } finally {
      await busy.end({ timeout: 1 });
    }
  });
});
