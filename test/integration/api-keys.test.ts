/**
 * API keys over real HTTP (two Fastify instances listening on loopback) against the run's
 * real database: revocation, rotation grace, 401 vs 403, per-key rate limit shared across
 * instances, the monthly generation quota, and no plaintext key at rest.
 */
import { execFileSync } from "node:child_process";
import { eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { apiKeys } from "@/db/schema";
import { authenticateKey } from "@/lib/api-keys/authenticate-key";
import { consumeGenerationQuota } from "@/lib/api-keys/consume-generation-quota";
import { createApiKey, type CreateApiKeyInput } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { rotateApiKey } from "@/lib/api-keys/rotate-api-key";
import type { UserPrincipal } from "@/lib/auth/principal";
import { DEMO_KIT } from "@/lib/brand/kit";
import { setChatSettings } from "@/lib/chat/set-chat-settings";
import { publishKitVersion } from "@/lib/brand/kits/publish-kit-version";
import { saveKitVersion } from "@/lib/brand/kits/save-kit-version";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { createBuiltinModelServer } from "@/lib/models/builtin/create-builtin-server";
import { seedDemoModels } from "@/lib/models/seed-demo-models";
import { listen } from "@/lib/http/testing/listen";
import { buildApi } from "@/server/api/app";
import { createBrand, createUser, signedIn } from "@/test/factories";

const apps: FastifyInstance[] = [];
const urls: string[] = [];
let closeModel: () => Promise<void>;
let brandId: string;
let otherBrandId: string;
let admin: UserPrincipal;
let marketer: UserPrincipal;
const plaintexts: string[] = [];

beforeAll(async () => {
  const model = await listen(createBuiltinModelServer());
  closeModel = model.close;
  process.env.MODEL_BASE_URL = model.baseUrl;
  resetEnvCache();
  for (let i = 0; i < 2; i++) {
    const app = await buildApi();
    await app.listen({ host: "127.0.0.1", port: 0 });
    const addr = app.server.address() as { port: number };
    apps.push(app);
    urls.push(`http://127.0.0.1:${addr.port}`);
  }
  brandId = (await createBrand()).id;
  otherBrandId = (await createBrand("Other")).id;
  admin = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
  marketer = (await (await signedIn((await createUser(brandId, "marketer")).id)).session())!;
  const kit = await saveKitVersion(admin, { brandId, baseVersion: null, content: DEMO_KIT });
  await publishKitVersion(admin, { brandId, versionId: kit.id });
  await seedDemoModels(db(), brandId);
  await setChatSettings(admin, { brandId, enabled: true, reviewSampleRate: 0 });
});
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await closeModel();
});

async function newKey(overrides: Partial<CreateApiKeyInput> = {}) {
  const created = await createApiKey(admin, {
    brandId,
    name: "test key",
    scopes: ["checks"],
    rateLimitPerMinute: 1000,
    ...overrides,
  });
  plaintexts.push(created.plaintext);
  return created;
}

function check(key: string | null, instance = 0, headers: Record<string, string> = {}, body?: unknown) {
  return fetch(`${urls[instance]}/api/v1/checks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...headers,
    },
    body: JSON.stringify(body ?? { brandId, text: "A jacket for the rain", channel: "social" }),
  });
}

function chat(key: string, content = "A short post about our new rain jacket for weekend hikers") {
  return fetch(`${urls[0]}/api/v1/chat/completions`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${key}`,
      "x-brandgate-brand": brandId,
      "x-brandgate-channel": "social",
    },
    body: JSON.stringify({ model: "Brandgate Copy", messages: [{ role: "user", content }] }),
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Fixed windows turn on the minute: start a window-sensitive test well inside one. */
async function awayFromMinuteBoundary() {
  const [row] = await db().execute<{ s: number }>(sql`select extract(second from now())::float8 as s`);
  const s = Number(row!.s);
  if (s > 45) await sleep((61 - s) * 1000);
}

describe("API keys on /api/v1", () => {
  it("creates a key shown once with its visible prefix, and stores only its hash", async () => {
    const { key, plaintext } = await newKey();
    expect(plaintext).toMatch(/^bg_[A-Za-z0-9_-]{43}$/);
    expect(key.prefix).toBe(plaintext.slice(0, 11));
    expect(key.status).toBe("active");
    const [row] = await db().select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(plaintext.slice(11));
    const listed = await listApiKeys(admin, { brandId });
    expect(listed.find((k) => k.id === key.id)).not.toHaveProperty("hash");
  });

  it("answers 401 without a key or with a bad one, 403 with a key lacking the scope or brand", async () => {
    const { plaintext } = await newKey({ scopes: ["content:read"] });
    const none = await check(null);
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe("unauthorized");
    expect((await check("bg_not-a-real-key")).status).toBe(401);
    expect((await check("garbage", 0, { authorization: "Basic Zm9vOmJhcg==" })).status).toBe(401);

    const noScope = await check(plaintext);
    expect(noScope.status).toBe(403);
    expect((await noScope.json()).error).toMatchObject({ code: "forbidden", details: { scope: "checks" } });

    const { plaintext: good } = await newKey();
    const otherBrand = await check(good, 0, {}, { brandId: otherBrandId, text: "x", channel: "social" });
    expect(otherBrand.status).toBe(403);
    expect((await check(good)).status).toBe(200);
  });

  it("chat completions need the generate scope and chat enabled", async () => {
    const { plaintext: noChat } = await newKey({ scopes: ["generate"], chatEnabled: false });
    const res = await chat(noChat);
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/chat/);
    const { plaintext: checksOnly } = await newKey({ scopes: ["checks"], chatEnabled: true });
    expect((await chat(checksOnly)).status).toBe(403);
  });

  it("refuses a revoked key at its next request, on every instance", async () => {
    const { key, plaintext } = await newKey();
    expect((await check(plaintext, 0)).status).toBe(200);
    expect((await check(plaintext, 1)).status).toBe(200);
    await revokeApiKey(admin, { brandId, keyId: key.id });
    expect((await check(plaintext, 1)).status).toBe(401);
    expect((await check(plaintext, 0)).status).toBe(401);
    expect((await listApiKeys(admin, { brandId })).find((k) => k.id === key.id)!.status).toBe("revoked");
  });

  it("keeps the old key of a rotation working until the grace period ends, then 401", async () => {
    const { key, plaintext: old } = await newKey();
    const rotated = await rotateApiKey(admin, { brandId, keyId: key.id, graceSeconds: 2 });
    plaintexts.push(rotated.plaintext);
    expect(rotated.key.rotatedFromId).toBe(key.id);
    expect(rotated.key.scopes).toEqual(["checks"]);
    expect((await check(old)).status).toBe(200);
    expect((await check(rotated.plaintext)).status).toBe(200);
    const listed = await listApiKeys(admin, { brandId });
    expect(listed.find((k) => k.id === key.id)!.status).toBe("rotating");
    await expect(rotateApiKey(admin, { brandId, keyId: key.id, graceSeconds: 0 })).rejects.toMatchObject({
      code: "conflict",
    });
    await sleep(2_500);
    expect((await check(old)).status).toBe(401);
    expect((await check(rotated.plaintext)).status).toBe(200);
  });

  it("refuses an expired key", async () => {
    const { key, plaintext } = await newKey({ expiresAt: new Date(Date.now() + 60_000) });
    expect((await check(plaintext)).status).toBe(200);
    await db()
      .update(apiKeys)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(apiKeys.id, key.id));
    expect((await check(plaintext)).status).toBe(401);
  });

  it("records last use at most once a minute", async () => {
    const { key, plaintext } = await newKey();
    expect(await authenticateKey(plaintext)).toMatchObject({ keyId: key.id, brandId, scopes: ["checks"] });
    await sleep(100);
    const [first] = await db().select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(first!.lastUsedAt).not.toBeNull();
    await authenticateKey(plaintext);
    await sleep(100);
    const [second] = await db().select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(second!.lastUsedAt).toEqual(first!.lastUsedAt);
  });

  it("limits requests per minute with 429 + Retry-After, and two instances share the limit", async () => {
    await awayFromMinuteBoundary();
    const { plaintext } = await newKey({ rateLimitPerMinute: 4 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await check(plaintext, i % 2)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    for (const instance of [0, 1]) {
      const res = await check(plaintext, instance);
      expect(res.status).toBe(429);
      const retryAfter = Number(res.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect((await res.json()).error).toMatchObject({ code: "rate_limited", details: { limit: 4 } });
    }
    // Another key is not affected.
    const { plaintext: other } = await newKey({ rateLimitPerMinute: 4 });
    expect((await check(other, 1)).status).toBe(200);
  });

  it("holds the rate limit under a concurrent burst across both instances", async () => {
    await awayFromMinuteBoundary();
    const { plaintext } = await newKey({ rateLimitPerMinute: 10 });
    const res = await Promise.all(Array.from({ length: 30 }, (_, i) => check(plaintext, i % 2)));
    const ok = res.filter((r) => r.status === 200).length;
    expect(ok).toBe(10);
    expect(res.filter((r) => r.status === 429).length).toBe(20);
  });

  it("stops generations at the monthly quota with a distinct 429", async () => {
    const { plaintext } = await newKey({
      scopes: ["generate"],
      chatEnabled: true,
      monthlyGenerationQuota: 1,
    });
    // The built-in model is random: a blocked answer (422) gives its generation back.
    let res = await chat(plaintext);
    for (let i = 0; res.status === 422 && i < 8; i++) res = await chat(plaintext);
    expect(res.status).toBe(200);
    const over = await chat(plaintext);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = await over.json();
    expect(body.error).toMatchObject({
      code: "rate_limited",
      details: { reason: "monthly_generation_quota", quota: 1 },
    });
    expect(body.error.message).toMatch(/Monthly generation quota/);
  });

  it("never hands out more generations than the quota under concurrency", async () => {
    const { key } = await newKey({ scopes: ["generate"], chatEnabled: true, monthlyGenerationQuota: 5 });
    const principal = (await authenticateKey(plaintexts.at(-1)!))!;
    expect(principal.keyId).toBe(key.id);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => consumeGenerationQuota(principal)),
    );
    expect(results.filter((r) => r.status === "fulfilled").length).toBe(5);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "rate_limited" });
    // Giving one back lets exactly one more through.
    await (
      results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<() => Promise<void>>
    ).value();
    await expect(consumeGenerationQuota(principal)).resolves.toBeTypeOf("function");
    await expect(consumeGenerationQuota(principal)).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("carries the quota and the rate window across a rotation", async () => {
    await awayFromMinuteBoundary();
    const { key, plaintext } = await newKey({
      scopes: ["checks", "generate"],
      chatEnabled: true,
      monthlyGenerationQuota: 1,
      rateLimitPerMinute: 3,
    });
    await consumeGenerationQuota((await authenticateKey(plaintext))!);
    expect((await check(plaintext)).status).toBe(200);
    expect((await check(plaintext)).status).toBe(200);
    const rotated = await rotateApiKey(admin, { brandId, keyId: key.id, graceSeconds: 60 });
    plaintexts.push(rotated.plaintext);
    const next = (await authenticateKey(rotated.plaintext))!;
    expect(next.lineageId).toBe(key.id);
    await expect(consumeGenerationQuota(next)).rejects.toMatchObject({ code: "rate_limited" });
    // One request left in this minute, shared by the old and the new key.
    expect((await check(rotated.plaintext)).status).toBe(200);
    expect((await check(plaintext)).status).toBe(429);
    expect((await check(rotated.plaintext)).status).toBe(429);
  });

  it("names the field at fault on bad input and changes nothing", async () => {
    const before = await db().$count(apiKeys);
    await expect(
      createApiKey(admin, { brandId, name: "x", scopes: ["checks", "root" as "checks"] }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: [expect.objectContaining({ path: "scopes.1" })],
    });
    await expect(createApiKey(admin, { brandId, name: " ", scopes: ["checks"] })).rejects.toMatchObject({
      details: [expect.objectContaining({ path: "name" })],
    });
    await expect(
      createApiKey(admin, { brandId, name: "x", scopes: ["checks"], expiresAt: new Date(Date.now() - 1000) }),
    ).rejects.toMatchObject({ details: [expect.objectContaining({ path: "expiresAt" })] });
    const { key } = await newKey();
    await expect(rotateApiKey(admin, { brandId, keyId: key.id, graceSeconds: -1 })).rejects.toMatchObject({
      details: [expect.objectContaining({ path: "graceSeconds" })],
    });
    expect(await db().$count(apiKeys)).toBe(before + 1);
    const [row] = await db().select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row!.revokedAt).toBeNull();
  });

  it("lets only admins manage keys", async () => {
    await expect(createApiKey(marketer, { brandId, name: "x", scopes: ["checks"] })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(listApiKeys(marketer, { brandId })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listApiKeys(admin, { brandId: otherBrandId })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listApiKeys(null, { brandId })).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("documents bearer keys, with the scope each operation needs, in the OpenAPI document", async () => {
    const doc = await (await fetch(`${urls[0]}/api/v1/openapi.json`)).json();
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.paths["/api/v1/checks"].post.security).toEqual([{ apiKey: ["checks"] }]);
    expect(doc.paths["/api/v1/chat/completions"].post.security).toEqual([{ apiKey: ["generate"] }]);
  });

  it("leaves no plaintext key anywhere in the database", async () => {
    expect(plaintexts.length).toBeGreaterThan(5);
    // The secret part (after the visible prefix) is what must never be at rest.
    const secrets = plaintexts.map((p) => p.slice(11));
    const tables = await db().execute<{ name: string }>(
      sql`select quote_ident(table_schema) || '.' || quote_ident(table_name) as name
          from information_schema.tables where table_type = 'BASE TABLE'
          and table_schema not in ('pg_catalog', 'information_schema')`,
    );
    let scanned = 0;
    for (const { name } of tables) {
      const rows = await db().execute<{ j: string }>(
        sql.raw(`select row_to_json(t)::text as j from ${name} t`),
      );
      for (const { j } of rows) {
        scanned++;
        for (const s of secrets) expect(j.includes(s), `${name} holds a plaintext key`).toBe(false);
      }
    }
    expect(scanned).toBeGreaterThan(0);

    const url = inject("databaseUrl");
    const realPostgres = new URL(url).pathname.startsWith("/brandgate_test_");
    if (realPostgres) {
      const dump = execFileSync("pg_dump", [url], {
        maxBuffer: 512 * 1024 * 1024,
        stdio: ["ignore", "pipe", "pipe"],
      }).toString();
      expect(dump).toContain("api_keys");
      for (const s of secrets) expect(dump.includes(s)).toBe(false);
      for (const p of plaintexts) expect(dump).toContain(p.slice(0, 11)); // the prefix is there, in clear
    }
  });
});
