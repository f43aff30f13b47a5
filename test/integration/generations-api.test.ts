/**
 * The generation and webhook endpoints of the governed API over real HTTP, with queued
 * generations run by a worker in this process against the fixture's instant upstream.
 */
import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { apiKeyCounters, apiKeys, auditEntries, generations, webhookSubscriptions } from "@/db/schema";
import { authenticateKey } from "@/lib/api-keys/authenticate-key";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { sendJob } from "@/lib/jobs/send-job";
import { startApiFixture, WEBHOOK_URL, type ApiFixture } from "@/test/api/fixture";

let f: ApiFixture;
beforeAll(async () => {
  f = await startApiFixture({ jobs: true });
});
afterAll(() => f.close());

const post = (path: string, key: string | null, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${f.baseUrl}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...headers,
    },
    body: JSON.stringify(body),
  });
const get = (path: string, key: string | null = f.keys.all, headers: Record<string, string> = {}) =>
  fetch(`${f.baseUrl}${path}`, {
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
  });
const brief = () => ({
  templateVersionId: f.templateVersionId,
  brief: { summary: "Rain jackets for hikers" },
});
const generationCount = async () => (await db().select({ n: count() }).from(generations))[0]!.n;

async function settled(id: string, key = f.keys.all) {
  // A generous deadline: the worker shares two cores with the rest of the suite.
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    const view = (await (await get(`/api/v1/generations/${id}`, key)).json()) as {
      status: string;
      steps: { name: string }[];
    };
    if (["succeeded", "blocked", "failed"].includes(view.status)) return view;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`generation ${id} did not finish`);
}

/** Reads a whole SSE response into its events. */
async function readEvents(res: Response) {
  const text = await res.text();
  return text
    .split("\n\n")
    .filter((block) => block.includes("event:"))
    .map((block) => {
      const field = (name: string) => block.match(new RegExp(`^${name}: (.*)$`, "m"))?.[1];
      return { id: Number(field("id")), event: field("event")!, data: JSON.parse(field("data")!) as unknown };
    });
}

async function keyWith(scopes: ("generate" | "webhooks" | "checks")[], quota = 1_000) {
  const created = await createApiKey(f.admin, {
    brandId: f.brandId,
    name: "generations test",
    scopes,
    rateLimitPerMinute: 10_000,
    monthlyGenerationQuota: quota,
  });
  return { plaintext: created.plaintext, id: created.key.id };
}

describe("POST /api/v1/generations", () => {
  it("answers 202 with a Location and status URL, and the key's generation finishes", async () => {
    const res = await post("/api/v1/generations", f.keys.all, brief());
    expect(res.status).toBe(202);
    const body = (await res.json()) as { id: string; status: string; statusUrl: string };
    expect(body.status).toBe("queued");
    expect(body.statusUrl).toBe(`/api/v1/generations/${body.id}`);
    expect(res.headers.get("location")).toBe(body.statusUrl);
    const view = await settled(body.id);
    expect(view.status).toBe("succeeded");
    const [row] = await db().select().from(generations).where(eq(generations.id, body.id));
    const principal = (await authenticateKey(f.keys.all))!;
    expect(row).toMatchObject({ createdBy: null, apiKeyId: principal.keyId });
    const [created] = await db()
      .select({ actor: auditEntries.actor })
      .from(auditEntries)
      .where(eq(auditEntries.targetId, row!.contentItemId!));
    expect(created?.actor).toMatchObject({ kind: "api_key", id: principal.keyId, prefix: principal.prefix });
  }, 90_000);

  it("with Prefer: wait returns the finished generation, ids and statuses but no text", async () => {
    const res = await post("/api/v1/generations", f.keys.all, brief(), { prefer: "wait=30" });
    expect(res.status).toBe(200);
    expect(res.headers.get("preference-applied")).toBe("wait=30");
    const view = (await res.json()) as Record<string, unknown> & { result: Record<string, unknown> };
    expect(view.status).toBe("succeeded");
    expect(view.result).toMatchObject({ contentStatus: "in_review", checks: { blocked: false } });
    expect(JSON.stringify(view)).not.toContain("rain jacket keeps");
  });

  it("refuses a malformed Prefer naming the header, creating nothing", async () => {
    const before = await generationCount();
    for (const prefer of ["wait=61", "wait=soon", "wait", "@@@"]) {
      const res = await post("/api/v1/generations", f.keys.all, brief(), { prefer });
      expect(res.status, prefer).toBe(400);
      const body = (await res.json()) as { error: { details: { path: string }[] } };
      expect(body.error.details[0]!.path).toBe("headers.prefer");
    }
    expect(await generationCount()).toBe(before);
  });

  it("refuses bad input naming the field, creating nothing", async () => {
    const before = await generationCount();
    const res = await post("/api/v1/generations", f.keys.all, { ...brief(), brief: { summary: "" } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { path: string }[] } };
    expect(body.error.details.map((d) => d.path)).toContain("brief.summary");
    const unknown = await post("/api/v1/generations", f.keys.all, {
      ...brief(),
      templateVersionId: randomUUID(),
    });
    expect(unknown.status).toBe(404);
    expect(await generationCount()).toBe(before);
  });

  it("takes one generation from the key's quota, and refuses past it", async () => {
    const { plaintext, id } = await keyWith(["generate"], 1);
    const [key] = await db().select({ lineageId: apiKeys.lineageId }).from(apiKeys).where(eq(apiKeys.id, id));
    expect((await post("/api/v1/generations", plaintext, brief())).status).toBe(202);
    const [counter] = await db()
      .select({ count: apiKeyCounters.count })
      .from(apiKeyCounters)
      .where(and(eq(apiKeyCounters.lineageId, key!.lineageId), eq(apiKeyCounters.bucket, "generations")));
    expect(counter?.count).toBe(1);
    expect((await post("/api/v1/generations", plaintext, brief())).status).toBe(429);
  });

  it("is 401 without a key and 403 for a key without the generate scope", async () => {
    expect((await post("/api/v1/generations", null, brief())).status).toBe(401);
    expect((await post("/api/v1/generations", f.keys.checksOnly, brief())).status).toBe(403);
    expect((await get(`/api/v1/generations/${f.finishedGenerationId}`, f.keys.checksOnly)).status).toBe(403);
  });

  it("fails a queued generation whose key was revoked before it ran, with the reason", async () => {
    const { plaintext, id: keyId } = await keyWith(["generate"]);
    // The row as the API writes it, its job sent only after the revocation: what a job
    // waiting in a busy queue sees, without racing the worker.
    const [row] = await db()
      .insert(generations)
      .values({
        brandId: f.brandId,
        apiKeyId: keyId,
        templateVersionId: f.templateVersionId,
        brief: { ...brief().brief, slots: {} },
      })
      .returning();
    await revokeApiKey(f.admin, { brandId: f.brandId, keyId });
    expect((await post("/api/v1/generations", plaintext, brief())).status).toBe(401);
    await sendJob("runGeneration", {
      actor: { kind: "api_key", keyId, brandId: f.brandId },
      generationId: row!.id,
    });
    const view = (await settled(row!.id)) as unknown as {
      status: string;
      errors: string[];
      steps: unknown[];
    };
    expect(view.status).toBe("failed");
    expect(view.errors).toEqual(["The API key that queued this job has been revoked or has expired"]);
    expect(view.steps).toEqual([]);
  }, 90_000);
});

describe("GET /api/v1/generations/{id} and its events", () => {
  it("is a 404 for another brand's key, and for an unknown id", async () => {
    const path = `/api/v1/generations/${f.finishedGenerationId}`;
    expect((await get(path)).status).toBe(200);
    expect((await get(path, f.keys.otherBrand)).status).toBe(404);
    expect((await get(`${path}/events`, f.keys.otherBrand)).status).toBe(404);
    expect((await get(`/api/v1/generations/${randomUUID()}`)).status).toBe(404);
  });

  it("streams progress as SSE ending with a terminal event, and resumes after Last-Event-ID", async () => {
    const res = await post("/api/v1/generations", f.keys.all, brief());
    const { id } = (await res.json()) as { id: string };
    const stream = await get(`/api/v1/generations/${id}/events`);
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = await readEvents(stream);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]).toMatchObject({ event: "status", data: { status: "queued" } });
    expect(events.filter((e) => e.event === "step").map((e) => (e.data as { name: string }).name)).toEqual(
      expect.arrayContaining(["input-checks", "generate", "output-checks", "store", "submit"]),
    );
    const last = events.at(-1)!;
    expect(last.event).toBe("succeeded");
    expect(last.data).toMatchObject({ id, status: "succeeded" });

    const resumed = await readEvents(
      await get(`/api/v1/generations/${id}/events`, f.keys.all, { "last-event-id": "3" }),
    );
    expect(resumed).toEqual(events.slice(3));
    const bad = await get(`/api/v1/generations/${id}/events`, f.keys.all, { "last-event-id": "x" });
    expect(bad.status).toBe(400);
  });
});

describe("webhook subscriptions over the API", () => {
  const call = (method: string, path: string, key: string | null, body?: unknown) =>
    fetch(`${f.baseUrl}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const subscriptions = async () =>
    (
      await db()
        .select({ n: count() })
        .from(webhookSubscriptions)
        .where(eq(webhookSubscriptions.brandId, f.brandId))
    )[0]!.n;

  it("creates (secret shown once), lists, updates, lists deliveries, redelivers and deletes", async () => {
    const created = await call("POST", "/api/v1/webhooks", f.keys.all, {
      url: WEBHOOK_URL,
      eventTypes: ["content.approved"],
    });
    expect(created.status).toBe(201);
    const sub = (await created.json()) as { id: string; secret: string };
    expect(sub.secret).toMatch(/^whsec_/);
    const list = (await (await call("GET", "/api/v1/webhooks", f.keys.all)).json()) as { data: object[] };
    expect(list.data).toContainEqual(expect.objectContaining({ id: sub.id, active: true }));
    expect(JSON.stringify(list)).not.toContain(sub.secret);

    const patched = await call("PATCH", `/api/v1/webhooks/${sub.id}`, f.keys.all, {
      active: false,
      eventTypes: ["content.retired", "model.drift"],
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      active: false,
      eventTypes: ["content.retired", "model.drift"],
    });

    const deliveries = await call(
      "GET",
      `/api/v1/webhooks/${f.webhookSubscriptionId}/deliveries`,
      f.keys.all,
    );
    const { data } = (await deliveries.json()) as { data: { id: string; status: string }[] };
    expect(data).toContainEqual(expect.objectContaining({ id: f.webhookDeliveryId, status: "dead" }));
    const redeliver = `/api/v1/webhooks/${f.webhookSubscriptionId}/deliveries/${f.webhookDeliveryId}/redeliver`;
    expect((await call("POST", redeliver, f.keys.all, {})).status).toBe(202);
    expect((await call("POST", redeliver, f.keys.all, {})).status).toBe(409);
    expect(
      (
        await call(
          "POST",
          `/api/v1/webhooks/${sub.id}/deliveries/${f.webhookDeliveryId}/redeliver`,
          f.keys.all,
          {},
        )
      ).status,
    ).toBe(409);

    const deleted = await call("DELETE", `/api/v1/webhooks/${sub.id}`, f.keys.all);
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe("");
    expect((await call("DELETE", `/api/v1/webhooks/${sub.id}`, f.keys.all)).status).toBe(404);
  });

  it("refuses a private URL or an unknown event type naming the field, creating nothing", async () => {
    // Test processes allow private targets (their receivers are on loopback): not here.
    const allowed = process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
    delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
    resetEnvCache();
    onTestFinished(() => {
      process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = allowed;
      resetEnvCache();
    });
    const before = await subscriptions();
    for (const [body, path] of [
      [{ url: "http://127.0.0.1:9/x", eventTypes: ["content.approved"] }, "url"],
      [{ url: "http://169.254.169.254/latest", eventTypes: ["content.approved"] }, "url"],
      [{ url: WEBHOOK_URL, eventTypes: ["content.nope"] }, "eventTypes.0"],
    ] as const) {
      const res = await call("POST", "/api/v1/webhooks", f.keys.all, body);
      expect(res.status).toBe(400);
      const err = (await res.json()) as { error: { details: { path: string }[] } };
      expect(err.error.details.map((d) => d.path)).toContain(path);
    }
    expect(await subscriptions()).toBe(before);
  });

  it("is 401 without a key, 403 without the webhooks scope, 404 across brands", async () => {
    expect((await call("GET", "/api/v1/webhooks", null)).status).toBe(401);
    expect((await call("GET", "/api/v1/webhooks", f.keys.checksOnly)).status).toBe(403);
    const { plaintext } = await keyWith(["generate"]);
    expect(
      (await call("POST", "/api/v1/webhooks", plaintext, { url: WEBHOOK_URL, eventTypes: ["model.drift"] }))
        .status,
    ).toBe(403);
    expect(
      (
        await call("PATCH", `/api/v1/webhooks/${f.webhookSubscriptionId}`, f.keys.otherBrand, {
          active: false,
        })
      ).status,
    ).toBe(404);
    expect(
      (await call("GET", `/api/v1/webhooks/${f.webhookSubscriptionId}/deliveries`, f.keys.otherBrand)).status,
    ).toBe(404);
  });
});
