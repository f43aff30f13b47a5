/**
 * Input limits, declared once (server/api/input-limits.ts): the requests a targeted fuzz found
 * answering 500, or accepted and stored, each answer 4xx naming the field — with an
 * Idempotency-Key too, before anything is claimed or stored.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idempotencyKeys } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { reviewFixture } from "@/lib/review/testing/review-fixture";
import { buildApi } from "@/server/api/app";

let app: FastifyInstance;
let key: string;

beforeAll(async () => {
  app = await buildApi();
  const f = await reviewFixture();
  key = (
    await createApiKey(f.admin, {
      brandId: f.brandId,
      name: "limits",
      scopes: ["generate", "events:write", "content:read"],
      rateLimitPerMinute: 100_000,
    })
  ).plaintext;
});
afterAll(() => app.close());

/** Written out by hand: light-my-request's own serialiser would overflow first. */
const deepJson = (depth: number) => `${'{"a":'.repeat(depth)}"x"${"}".repeat(depth)}`;

function nested(depth: number, leaf: unknown = "x"): Record<string, unknown> {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value as Record<string, unknown>;
}

const event = (over: Record<string, unknown>) => ({
  id: randomUUID(),
  type: "conversion",
  unit: "u-1",
  content_id: randomUUID(),
  value: 10,
  occurred_at: new Date().toISOString(),
  ...over,
});

async function expectRefused(res: { statusCode: number; json(): unknown }, field: RegExp): Promise<void> {
  expect([400, 413]).toContain(res.statusCode);
  const body = res.json() as { error: { code: string; details?: { path: string }[] } };
  expect(body.error.code).toMatch(/validation_failed|payload_too_large/);
  expect(body.error.details?.map((d) => d.path).join(" ")).toMatch(field);
}

describe("input limits", () => {
  it.each([5_000, 20_000])(
    "POST /generations with an audience %i deep and an Idempotency-Key",
    async (depth) => {
      const idem = randomUUID();
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/generations",
        headers: {
          authorization: `Bearer ${key}`,
          "idempotency-key": idem,
          "content-type": "application/json",
        },
        payload: `{"templateVersionId":"${randomUUID()}","brief":{"summary":"x"},"audience":${deepJson(depth)}}`,
      });
      await expectRefused(res, /^(body\.)?audience\b/);
      expect(await db().$count(idempotencyKeys, eq(idempotencyKeys.key, idem))).toBe(0);
    },
  );

  const postEvents = (e: Record<string, unknown>) =>
    app.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: { authorization: `Bearer ${key}` },
      payload: { events: [e] },
    });

  it("POST /events with an audience 5,000 deep", async () => {
    const body = JSON.stringify({ events: [event({ audience: "DEEP" })] }).replace('"DEEP"', deepJson(5_000));
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      payload: body,
    });
    await expectRefused(res, /events\.0\.audience/);
  });

  it("POST /events with a NUL deeper than 32 levels, in a key or a value", async () => {
    await expectRefused(await postEvents(event({ audience: nested(40, "a\u0000b") })), /events\.0\.audience/);
    const deepKey = nested(40);
    let at = deepKey as Record<string, unknown>;
    for (let i = 0; i < 39; i++) at = at.a as Record<string, unknown>;
    at["k\u0000"] = 1;
    await expectRefused(await postEvents(event({ audience: deepKey })), /events\.0\.audience/);
  });

  it.each(["0000-01-01T00:00:00Z", "9999-12-31T23:59:59-23:59"])(
    "POST /events with occurred_at %s",
    async (d) => {
      await expectRefused(await postEvents(event({ occurred_at: d })), /events\.0\.occurred_at/);
    },
  );

  it.each(["0000-01-01T00:00:00Z", "9999-12-31T23:59:59-23:59"])(
    "GET /content?updated_since=%s",
    async (d) => {
      const res = await app.inject({
        method: "GET",
        url: `/api/v1/content?updated_since=${encodeURIComponent(d)}`,
        headers: { authorization: `Bearer ${key}` },
      });
      await expectRefused(res, /updated_since/);
    },
  );

  it("a conversion value of 1e308", async () => {
    await expectRefused(await postEvents(event({ value: 1e308 })), /events\.0\.value/);
  });

  it("the OpenAPI document shows the limits", async () => {
    const doc = JSON.stringify((await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json());
    expect(doc).toMatch(/"maximum":1000000000/);
    expect(doc).toMatch(/1970/);
  });
});
