/**
 * POST /api/v1/events on the real database: 1,000-event batches, idempotency by client event
 * id (also across concurrent, group-committed requests), all-or-nothing validation naming
 * the field at fault, content of another brand, and key scopes.
 */
import { randomUUID } from "node:crypto";
import { and, count, eq, like } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { reviewFixture, sessionFor } from "@/lib/review/testing/review-fixture";
import { buildApi } from "@/server/api/app";

let app: FastifyInstance;
let f: Awaited<ReturnType<typeof reviewFixture>>;
let key: string;
let readOnlyKey: string;
let contentId: string;
let foreignContentId: string;

beforeAll(async () => {
  app = await buildApi();
  f = await reviewFixture();
  const other = await reviewFixture();
  const marketer = await sessionFor(f.brandId, "marketer");
  contentId = (await f.createItem({ author: marketer })).id;
  foreignContentId = (await other.createItem({ author: await sessionFor(other.brandId, "marketer") })).id;
  const mk = async (scopes: ("content:read" | "events:write")[]) =>
    (await createApiKey(f.admin, { brandId: f.brandId, name: "k", scopes, rateLimitPerMinute: 100_000 }))
      .plaintext;
  key = await mk(["events:write"]);
  readOnlyKey = await mk(["content:read"]);
});
afterAll(() => app.close());

const post = (body: unknown, k: string | null = key) =>
  app.inject({
    method: "POST",
    url: "/api/v1/events",
    headers: k ? { authorization: `Bearer ${k}` } : {},
    payload: body as object,
  });

function batch(prefix: string, n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    type: (["impression", "click", "conversion"] as const)[i % 3],
    unit: `unit-${i % 17}`,
    content_id: contentId,
    ...(i % 3 === 2 ? { value: 12.5 } : {}),
    occurred_at: new Date(Date.now() - i * 1000).toISOString(),
    ...(i % 5 === 0 ? { audience: { segment: "loyal", device: "mobile" } } : {}),
  }));
}

async function stored(prefix: string) {
  const [row] = await db()
    .select({ n: count() })
    .from(events)
    .where(and(eq(events.brandId, f.brandId), like(events.externalId, `${prefix}-%`)));
  return Number(row!.n);
}

describe("POST /api/v1/events", () => {
  it("accepts 1,000 events, maps impression to exposure, and never counts a replay twice", async () => {
    const prefix = randomUUID();
    const events1000 = batch(prefix, 1000);
    const res = await post({ events: events1000 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 1000, duplicates: 0 });
    expect(await stored(prefix)).toBe(1000);
    const [first] = await db()
      .select()
      .from(events)
      .where(eq(events.externalId, `${prefix}-0`));
    expect(first).toMatchObject({ kind: "exposure", unitKey: "unit-0", contentId, value: 0 });
    const [conv] = await db()
      .select()
      .from(events)
      .where(eq(events.externalId, `${prefix}-2`));
    expect(conv).toMatchObject({ kind: "conversion", value: 12.5 });

    const replay = await post({ events: [...events1000.slice(0, 10), ...batch(`${prefix}-new`, 5)] });
    expect(replay.json()).toEqual({ accepted: 5, duplicates: 10 });
    expect(await stored(prefix)).toBe(1005);
  });

  it("counts each client id once across concurrent requests written by one group commit", async () => {
    const prefix = randomUUID();
    // 20 requests of 50 events; neighbours share 25 ids, so 525 distinct ids in all.
    const bodies = Array.from({ length: 20 }, (_, r) => ({
      events: batch(prefix, 525).slice(r * 25, r * 25 + 50),
    }));
    const results = (await Promise.all(bodies.map((b) => post(b)))).map((r) => r.json());
    const accepted = results.reduce((s, r) => s + r.accepted, 0);
    const duplicates = results.reduce((s, r) => s + r.duplicates, 0);
    expect(accepted).toBe(525);
    expect(duplicates).toBe(20 * 50 - 525);
    expect(await stored(prefix)).toBe(525);
  });

  it("refuses 1,001 events with a clear error and writes nothing", async () => {
    const prefix = randomUUID();
    const res = await post({ events: batch(prefix, 1001) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("validation_failed");
    expect(res.json().error.details).toEqual([
      { path: "events", message: expect.stringContaining("At most 1000 events") },
    ]);
    expect(await stored(prefix)).toBe(0);
  });

  it("names the field at fault and writes nothing of a batch with one bad event", async () => {
    const prefix = randomUUID();
    const bad = batch(prefix, 20);
    bad[12] = { ...bad[12]!, type: "conversion", value: -1 };
    bad[13] = { ...bad[13]!, type: "click", value: 3 };
    const res = await post({ events: bad });
    expect(res.statusCode).toBe(400);
    const paths = (res.json().error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["events.12.value", "events.13.value"]));
    const noDate = await post({ events: [{ ...bad[0]!, occurred_at: "yesterday" }] });
    expect(noDate.json().error.details).toEqual([
      { path: "events.0.occurred_at", message: expect.any(String) },
    ]);
    expect(await stored(prefix)).toBe(0);
  });

  it("answers 422 naming events about another brand's content, and writes none of the batch", async () => {
    const prefix = randomUUID();
    const mixed = batch(prefix, 10);
    mixed[4] = { ...mixed[4]!, content_id: foreignContentId };
    mixed[7] = { ...mixed[7]!, content_id: randomUUID() };
    const res = await post({ events: mixed });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: "unprocessable",
      details: [
        { path: "events.4.content_id", id: `${prefix}-4` },
        { path: "events.7.content_id", id: `${prefix}-7` },
      ],
    });
    expect(await stored(prefix)).toBe(0);
  });

  it("401 without a key, 403 with a key lacking events:write", async () => {
    const body = { events: batch(randomUUID(), 1) };
    expect((await post(body, null)).statusCode).toBe(401);
    const res = await post(body, readOnlyKey);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain("events:write");
  });
});
