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
