/**
 * Idempotency-Key on POST /api/v1/checks over real HTTP: replay, 422 on reuse with another
 * body, 409 while the first request runs, 5xx releasing the key, and 50 concurrent requests
 * with one key executing exactly once (each execution records one check run).
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRuns, idempotencyKeys } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { pruneApiRecords } from "@/lib/api-keys/prune-api-records";
import { DEMO_KIT } from "@/lib/brand/kit";
import { runBrandChecksInput } from "@/lib/brand/run-brand-checks";
import { publishKitVersion } from "@/lib/brand/kits/publish-kit-version";
import { saveKitVersion } from "@/lib/brand/kits/save-kit-version";
import { db } from "@/lib/db";
import { claimIdempotencyKey } from "@/lib/idempotency/claim-idempotency-key";
import { finishIdempotencyKey } from "@/lib/idempotency/finish-idempotency-key";
import { buildApi } from "@/server/api/app";
import { createBrand, createUser, signedIn } from "@/test/factories";

let app: FastifyInstance;
let url: string;
let brandId: string;
let key: string;
let keyId: string;
let cookie: string;

beforeAll(async () => {
  app = await buildApi();
  await app.listen({ host: "127.0.0.1", port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/v1/checks`;
  brandId = (await createBrand()).id;
  const adminLogin = await signedIn((await createUser(brandId, "admin")).id);
  cookie = adminLogin.cookie;
  const admin = (await adminLogin.session())!;
  const kit = await saveKitVersion(admin, { brandId, baseVersion: null, content: DEMO_KIT });
  await publishKitVersion(admin, { brandId, versionId: kit.id });
  const created = await createApiKey(admin, {
    brandId,
    name: "idem",
    scopes: ["checks"],
    rateLimitPerMinute: 10_000,
  });
  key = created.plaintext;
  keyId = created.key.id;
});
afterAll(() => app.close());

const runs = () => db().$count(checkRuns, eq(checkRuns.brandId, brandId));

function post(
  idempotencyKey: string | null,
  text = "A jacket for the rain",
  auth: Record<string, string> = {},
) {
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(Object.keys(auth).length ? auth : { authorization: `Bearer ${key}` }),
      ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
    },
    body: JSON.stringify({ brandId, text, channel: "social" }),
  });
}

describe("Idempotency-Key on POST /api/v1", () => {
  it("replays the stored response for the same key and body, without running again", async () => {
    const k = randomUUID();
    const before = await runs();
    const first = await post(k);
    expect(first.status).toBe(200);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const firstBody = await first.json();
    const again = await post(k);
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("content-type")).toMatch(/application\/json/);
    expect(await again.json()).toEqual(firstBody);
    expect(await runs()).toBe(before + 1);
    // Without a key every request runs.
    await post(null);
    await post(null);
    expect(await runs()).toBe(before + 3);
  });

  it("never stores a webhook signing secret: a replay answers without it and says so", async () => {
    const admin = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
    const hooks = await createApiKey(admin, { brandId, name: "hooks", scopes: ["webhooks"] });
    const k = randomUUID();
    const create = () =>
      fetch(url.replace("/checks", "/webhooks"), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${hooks.plaintext}`,
          "idempotency-key": k,
        },
        body: JSON.stringify({ url: "http://127.0.0.1:9/hook", eventTypes: ["content.approved"] }),
      });
    const first = await create();
    expect(first.status).toBe(201);
    const created = (await first.json()) as { id: string; secret: string | null };
    expect(created.secret).toMatch(/^whsec_/);

    const rows = await db().select().from(idempotencyKeys);
    for (const row of rows) {
      expect(JSON.stringify(row)).not.toContain("whsec_");
      expect(JSON.stringify(row)).not.toContain(created.secret!.slice(6));
    }

    const replay = await create();
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.headers.get("idempotent-replay-omitted")).toBe("secret");
    const replayed = (await replay.json()) as { id: string; secret: string | null };
    expect(replayed).toMatchObject({ id: created.id, secret: null });
    expect(JSON.stringify(replayed)).not.toContain("whsec_");
  });

  it("refuses the same key with a different body: 422 idempotency_key_reused", async () => {
    const k = randomUUID();
    expect((await post(k, "first")).status).toBe(200);
    const before = await runs();
    const res = await post(k, "second");
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe("idempotency_key_reused");
    expect(await runs()).toBe(before);
  });

  it("answers 409 while the first request with the key is still running", async () => {
    const k = randomUUID();
    // Another instance has claimed the key and is still working on it.
    const claim = await claimIdempotencyKey({
      owner: `key:${keyId}`,
      key: k,
      method: "POST",
      path: "/api/v1/checks",
      // The hash covers the validated body (defaults applied), as the route sees it.
      body: runBrandChecksInput.parse({ brandId, text: "slow", channel: "social" }),
    });
    expect(claim.kind).toBe("claimed");
    const before = await runs();
    const res = await post(k, "slow");
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe("idempotency_in_progress");
    expect(await runs()).toBe(before);
  });

  it("releases the key after a 5xx so the retry runs", async () => {
    const k = randomUUID();
    const input = { owner: `key:${keyId}`, key: k, method: "POST", path: "/api/v1/checks", body: { a: 1 } };
    const claim = await claimIdempotencyKey(input);
    await finishIdempotencyKey((claim as { id: string }).id, { status: 502, headers: {}, body: "{}" });
    expect((await claimIdempotencyKey(input)).kind).toBe("claimed");
  });

  it("runs 50 concurrent POSTs with one key exactly once", async () => {
    const k = randomUUID();
    const before = await runs();
    const res = await Promise.all(Array.from({ length: 50 }, () => post(k, "Fifty at once")));
    const statuses = res.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    expect(res.filter((r) => r.status === 200 && !r.headers.get("idempotent-replayed")).length).toBe(1);
    expect(await runs()).toBe(before + 1);
    const bodies = await Promise.all(res.filter((r) => r.status === 200).map((r) => r.json()));
    expect(new Set(bodies.map((b) => b.text.checkRunId)).size).toBe(1);
  });

  it("keeps keys per caller: the same key from a browser session is its own request", async () => {
    const k = randomUUID();
    expect((await post(k)).status).toBe(200);
    const before = await runs();
    const bySession = await post(k, "A jacket for the rain", { cookie });
    expect(bySession.status).toBe(200);
    expect(bySession.headers.get("idempotent-replayed")).toBeNull();
    expect(await runs()).toBe(before + 1);
  });

  it("does not burn the key on invalid input, naming the field", async () => {
    const k = randomUUID();
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}`, "idempotency-key": k },
      body: JSON.stringify({ brandId, text: "no channel" }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "channel" })]),
    );
    expect(await db().$count(idempotencyKeys, eq(idempotencyKeys.key, k))).toBe(0);
    const tooLong = await post("x".repeat(300));
    expect(tooLong.status).toBe(400);
  });

  it("prunes expired keys, after which the key can be used afresh", async () => {
    const k = randomUUID();
    expect((await post(k)).status).toBe(200);
    await db()
      .update(idempotencyKeys)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(and(eq(idempotencyKeys.key, k)));
    const pruned = await pruneApiRecords({ actor: { kind: "system" } });
    expect(pruned.idempotencyKeys).toBeGreaterThanOrEqual(1);
    expect(await db().$count(idempotencyKeys, eq(idempotencyKeys.key, k))).toBe(0);
    const again = await post(k, "now another body");
    expect(again.status).toBe(200);
  });
});
