/**
 * LISTEN/NOTIFY through the embedded database's socket server: PGlite is one session for all
 * connections, so the server routes each notification to the connections that listen on its
 * channel (the workers wake on new jobs this way, lib/jobs/boss.ts), not to whichever
 * connection committed the NOTIFY.
 */
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./start-embedded";

let embedded: EmbeddedDatabase;
const clients: postgres.Sql[] = [];
const connect = () => {
  const sql = postgres(embedded.url, { max: 2, onnotice: () => {} });
  clients.push(sql);
  return sql;
};

beforeAll(async () => {
  embedded = await startEmbeddedDatabase();
}, 120_000);
afterAll(async () => {
  for (const sql of clients) await sql.end({ timeout: 1 });
  await embedded?.stop();
});

/** The next `count` payloads a connection hears on `channel`. */
async function hear(sql: postgres.Sql, channel: string) {
  const heard: string[] = [];
  let wake = () => {};
  const listener = await sql.listen(channel, (payload) => {
    heard.push(payload);
    wake();
  });
  return {
    heard,
    listener,
    async next(count: number) {
      while (heard.length < count) await new Promise<void>((r) => (wake = r));
      return heard.slice(0, count);
    },
  };
}

describe("LISTEN/NOTIFY on the embedded database", () => {
  it("delivers another connection's notifications, committed alone or in a transaction, in order", async () => {
    const listener = await hear(connect(), "jobs");
    const sender = connect();
    await sender`select pg_notify('jobs', 'one')`;
    const rows = await sender.begin(async (tx) => {
      await tx`select pg_notify('jobs', 'two')`;
      // A large result in the same batch as the notification: the sender's answer stays whole.
      return tx`select g, repeat('x', 100) as pad from generate_series(1, 5000) g`;
    });
    expect(rows).toHaveLength(5000);
    expect(rows[4999]).toEqual({ g: 4999 + 1, pad: "x".repeat(100) });
    expect(await listener.next(2)).toEqual(["one", "two"]);
  });

  it("sends a channel's notifications only to its listeners, and one UNLISTEN deafens no one else", async () => {
    const first = await hear(connect(), "wake");
    const second = await hear(connect(), "wake");
    const elsewhere = await hear(connect(), "other");
    const sender = connect();
    await sender`select pg_notify('wake', 'a')`;
    expect(await first.next(1)).toEqual(["a"]);
    expect(await second.next(1)).toEqual(["a"]);

    await first.listener.unlisten();
    await sender`select pg_notify('wake', 'b')`;
    await sender`select pg_notify('other', 'c')`;
    expect(await second.next(2)).toEqual(["a", "b"]);
    // 'c' came after 'b' from the same connection: once it is heard, 'b' has been delivered everywhere.
    expect(await elsewhere.next(1)).toEqual(["c"]);
    expect(first.heard).toEqual(["a"]);
  });
});
