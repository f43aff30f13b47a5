/**
 * The governed content API on the real database: only approved content ever leaves
 * (/content, /content/{id}, placements), cross-brand ids are 404s, ETags and 304s, cursor
 * paging, sticky placement assignment with exposures, and key scopes.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentItems, events, placementAssignments } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import type { UserPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { attachToPlacement } from "@/lib/placements/attach-to-placement";
import { decide } from "@/lib/review/decide";
import { retireContent } from "@/lib/review/retire-content";
import { reviewFixture, sessionFor } from "@/lib/review/testing/review-fixture";
import type { WorkflowStage } from "@/lib/review/workflow";
import { buildApi } from "@/server/api/app";

const ONE_STAGE: WorkflowStage[] = [
  {
    name: "Brand review",
    actor: { kind: "role", role: "reviewer" },
    approvals: 1,
    slaHours: 24,
    legal: false,
    onlyWhenFlagged: false,
  },
];

let app: FastifyInstance;
let f: Awaited<ReturnType<typeof reviewFixture>>;
let other: Awaited<ReturnType<typeof reviewFixture>>;
let marketer: UserPrincipal;
let reviewer: UserPrincipal;
let key: string;
let otherKey: string;
let eventsOnlyKey: string;

async function newKey(brandId: string, admin: UserPrincipal, scopes: ("content:read" | "events:write")[]) {
  const created = await createApiKey(admin, { brandId, name: "k", scopes, rateLimitPerMinute: 100_000 });
  return created.plaintext;
}

beforeAll(async () => {
  app = await buildApi();
  f = await reviewFixture(ONE_STAGE);
  other = await reviewFixture(ONE_STAGE);
  marketer = await sessionFor(f.brandId, "marketer");
  reviewer = await sessionFor(f.brandId, "reviewer");
  key = await newKey(f.brandId, f.admin, ["content:read", "events:write"]);
  otherKey = await newKey(other.brandId, other.admin, ["content:read"]);
  eventsOnlyKey = await newKey(f.brandId, f.admin, ["events:write"]);
});
afterAll(() => app.close());

async function approve(id: string, fx = f, who = reviewer) {
  const row = await fx.itemRow(id);
  await decide(who, {
    brandId: fx.brandId,
    contentItemId: id,
    revisionId: row.currentRevisionId!,
    stageIndex: row.stageIndex,
    decision: "approve",
  });
}

async function approvedItem() {
  const item = await f.createItem({ author: marketer });
  await approve(item.id);
  return item;
}

const get = (url: string, k: string | null = key, headers: Record<string, string> = {}) =>
  app.inject({
    method: "GET",
    url,
    headers: { ...(k ? { authorization: `Bearer ${k}` } : {}), ...headers },
  });

async function walk(limit: number, extra = ""): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const res = await get(
      `/api/v1/content?limit=${limit}${extra}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json() as { data: { id: string }[]; next_cursor: string | null };
    expect(body.data.length).toBeLessThanOrEqual(limit);
    seen.push(...body.data.map((d) => d.id));
    cursor = body.next_cursor;
    if (!cursor) return seen;
  }
  throw new Error("paging did not end");
}

describe("OpenAPI", () => {
  it("documents the content, placement and events routes", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/content",
        "/api/v1/content/{id}",
        "/api/v1/placements/{placement}/content",
        "/api/v1/events",
      ]),
    );
  });
});

describe("only approved content leaves", () => {
  it("never returns draft, in-review, rejected or retired content; cross-brand ids are 404", async () => {
    const approved = await approvedItem();
    const draft = await f.createItem({ author: marketer, submit: false });
    const inReview = await f.createItem({ author: marketer });
    const rejected = await f.createItem({ author: marketer });
    const rr = await f.itemRow(rejected.id);
    await decide(reviewer, {
      brandId: f.brandId,
      contentItemId: rejected.id,
      revisionId: rr.currentRevisionId!,
      stageIndex: rr.stageIndex,
      decision: "reject",
      comment: "Off brand",
    });
    const retired = await approvedItem();
    await retireContent(f.admin, { brandId: f.brandId, contentItemId: retired.id, reason: "Expired offer" });
    const foreign = await other.createItem({ author: await sessionFor(other.brandId, "marketer") });
    await approve(foreign.id, other, await sessionFor(other.brandId, "reviewer"));

    const listed = await walk(200);
    expect(listed).toContain(approved.id);
    for (const hidden of [draft, inReview, rejected, retired, foreign]) {
      expect(listed).not.toContain(hidden.id);
      const res = await get(`/api/v1/content/${hidden.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    }
    expect((await get(`/api/v1/content/not-a-uuid`)).statusCode).toBe(404);
    // The other brand's key sees its own item and not ours.
    expect((await get(`/api/v1/content/${foreign.id}`, otherKey)).statusCode).toBe(200);
    expect((await get(`/api/v1/content/${approved.id}`, otherKey)).statusCode).toBe(404);
  });

  it("answers one item in the documented shape with a strong ETag, 304 on If-None-Match", async () => {
    const item = await approvedItem();
    const res = await get(`/api/v1/content/${item.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      id: item.id,
      channel: "social",
      template_id: expect.any(String),
      revision: { id: item.revisionId, number: 1, content_hash: expect.any(String) },
      slots: { post: expect.any(String) },
      rendered: { text: expect.any(String) },
      published_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const etag = res.headers.etag as string;
    expect(etag).toBe(`"${body.revision.content_hash}"`);
    expect(res.headers["cache-control"]).toBe("private, max-age=60");
    const again = await get(`/api/v1/content/${item.id}`, key, { "if-none-match": `"x", ${etag}` });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    expect(again.headers.etag).toBe(etag);
    expect((await get(`/api/v1/content/${item.id}`, key, { "if-none-match": '"other"' })).statusCode).toBe(
      200,
    );
    // Retired: the cached ETag no longer gets a 304, it gets a 404.
    await retireContent(f.admin, { brandId: f.brandId, contentItemId: item.id, reason: "Withdrawn" });
    expect((await get(`/api/v1/content/${item.id}`, key, { "if-none-match": etag })).statusCode).toBe(404);
  });
});

describe("GET /api/v1/content paging", () => {
  it("visits every approved item exactly once, in pages of at most `limit`, with filters", async () => {
    for (let i = 0; i < 7; i++) await approvedItem();
    const all = await walk(200);
    const paged = await walk(3);
    expect(new Set(paged).size).toBe(paged.length);
    expect(paged.sort()).toEqual([...all].sort());
    expect(await walk(5, "&channel=email")).toEqual([]);
    const since = await get(
      `/api/v1/content?updated_since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(since.json().data).toEqual([]);
  });

  it("pages through items sharing one microsecond timestamp without repeats or gaps", async () => {
    const tied = [];
    for (let i = 0; i < 5; i++) tied.push((await approvedItem()).id);
    // Far in the future so they form the last pages; ties are broken by id.
    await db()
      .update(contentItems)
      .set({ updatedAt: sql`'2099-01-01 00:00:00.123456+00'::timestamptz` })
      .where(inArray(contentItems.id, tied));
    const paged = await walk(2);
    expect(new Set(paged).size).toBe(paged.length);
    expect(paged.slice(-5).sort()).toEqual([...tied].sort());
  });

  it("rejects a limit over 200 and a forged cursor, naming the field", async () => {
    const res = await get("/api/v1/content?limit=201");
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toContain("limit");
    const bad = await get("/api/v1/content?cursor=abc");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([{ path: "cursor", message: expect.any(String) }]);
  });

  it("401 without a key, 403 with a key lacking content:read", async () => {
    expect((await get("/api/v1/content", null)).statusCode).toBe(401);
    const res = await get("/api/v1/content", eventsOnlyKey);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("forbidden");
    expect((await get("/api/v1/placements/home-hero/content?unit=u1", eventsOnlyKey)).statusCode).toBe(403);
  });
});

describe("placements", () => {
  it("serves an approved variant per unit, sticky across calls, and spreads units", async () => {
    const a = await approvedItem();
    const b = await approvedItem();
    const pending = await f.createItem({ author: marketer });
    await attachToPlacement(marketer, { brandId: f.brandId, contentItemId: a.id, placementKey: "home-hero" });
    await attachToPlacement(marketer, { brandId: f.brandId, contentItemId: b.id, placementKey: "home-hero" });
    await expect(
      attachToPlacement(marketer, {
        brandId: f.brandId,
        contentItemId: pending.id,
        placementKey: "home-hero",
      }),
    ).rejects.toMatchObject({ code: "conflict" });

    const first = await get("/api/v1/placements/home-hero/content?unit=alice");
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect([a.id, b.id]).toContain(body.id);
    expect(body.assignment).toEqual({ variant_id: body.id, method: "hash", sticky: false });
    for (let i = 0; i < 3; i++) {
      const again = (await get("/api/v1/placements/home-hero/content?unit=alice")).json();
      expect(again.id).toBe(body.id);
      expect(again.assignment.sticky).toBe(true);
    }
    const exposures = await db()
      .select()
      .from(events)
      .where(and(eq(events.brandId, f.brandId), eq(events.unitKey, "alice"), eq(events.kind, "exposure")));
    expect(exposures).toHaveLength(4);
    expect(exposures.every((e) => e.contentId === body.id)).toBe(true);

    const chosen = new Set<string>();
    for (let u = 0; u < 24; u++)
      chosen.add((await get(`/api/v1/placements/home-hero/content?unit=spread-${u}`)).json().id);
    expect(chosen).toEqual(new Set([a.id, b.id]));

    // Cross-brand: the other brand's key does not see this placement.
    expect((await get("/api/v1/placements/home-hero/content?unit=alice", otherKey)).statusCode).toBe(404);
  });

  it("gives concurrent first requests of one unit the same variant", async () => {
    for (let i = 0; i < 3; i++)
      await attachToPlacement(marketer, {
        brandId: f.brandId,
        contentItemId: (await approvedItem()).id,
        placementKey: "race",
      });
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => get("/api/v1/placements/race/content?unit=zed")),
    );
    const ids = new Set(answers.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    const [stored] = await db()
      .select()
      .from(placementAssignments)
      .where(eq(placementAssignments.unitKey, "zed"));
    expect(ids.has(stored!.contentItemId)).toBe(true);
  });

  it("re-chooses when the assigned variant is retired, and 404s once none is approved", async () => {
    const a = await approvedItem();
    const b = await approvedItem();
    for (const id of [a.id, b.id])
      await attachToPlacement(marketer, { brandId: f.brandId, contentItemId: id, placementKey: "checkout" });
    const first = (await get("/api/v1/placements/checkout/content?unit=bob")).json();
    await retireContent(f.admin, { brandId: f.brandId, contentItemId: first.id, reason: "Pulled" });
    const second = await get("/api/v1/placements/checkout/content?unit=bob");
    expect(second.statusCode).toBe(200);
    const remaining = first.id === a.id ? b.id : a.id;
    expect(second.json().id).toBe(remaining);
    expect(second.json().assignment.sticky).toBe(false);
    const [stored] = await db()
      .select()
      .from(placementAssignments)
      .where(eq(placementAssignments.unitKey, "bob"));
    expect(stored!.contentItemId).toBe(remaining);
    await retireContent(f.admin, { brandId: f.brandId, contentItemId: remaining, reason: "Pulled too" });
    const none = await get("/api/v1/placements/checkout/content?unit=bob");
    expect(none.statusCode).toBe(404);
    expect(none.json().error).toMatchObject({
      code: "not_found",
      details: { reason: "no_approved_variants" },
    });
    expect((await get("/api/v1/placements/nowhere/content?unit=bob")).statusCode).toBe(404);
  });
});
