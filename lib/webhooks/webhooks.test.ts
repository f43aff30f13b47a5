/**
 * Outbound webhooks against a real receiver on 127.0.0.1, attempted in this process (the
 * worker path is covered by worker-restart.test.ts).
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { webhookDeliveries, webhookDeliveryAttempts, webhookEvents, webhookSubscriptions } from "@/db/schema";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { stopSender } from "@/lib/jobs/send-job";
import { createBrand, createUser, signedIn } from "@/test/factories";
import { startReceiver } from "@/test/webhook-receiver";
import { attemptDelivery } from "./attempt-delivery";
import { createWebhookSubscription } from "./create-webhook-subscription";
import { dispatchDueDeliveries } from "./dispatch-due-deliveries";
import { emitWebhookEvent } from "./emit-webhook-event";
import { listWebhookDeliveries } from "./list-webhook-deliveries";
import { redeliverWebhook } from "./redeliver-webhook";
import { setWebhookSubscriptionActive } from "./set-webhook-subscription-active";
import { runAttempt } from "./run-attempt";
import { isBlockedAddress } from "@/lib/http/target-guard";
import { Webhook } from "standardwebhooks";

function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

beforeEach(() => setEnv({ WEBHOOK_ALLOW_PRIVATE_TARGETS: "1", WEBHOOK_RETRY_BASE_MS: "200" }));
afterAll(async () => {
  setEnv({ WEBHOOK_ALLOW_PRIVATE_TARGETS: undefined, WEBHOOK_RETRY_BASE_MS: undefined });
  await stopSender();
});

let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

async function adminOf() {
  const brand = await createBrand();
  const admin = await createUser(brand.id, "admin");
  const session = (await (await signedIn(admin.id)).session())!;
  return { brand, admin, session };
}

async function delivery(id: string) {
  const [row] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return row!;
}

/** Attempts a delivery whenever it is due, as the queue would, until it settles. */
async function driveUntilSettled(id: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await attemptDelivery(id);
    const row = await delivery(id);
    if (row.status !== "pending") return row;
    if (Date.now() > deadline) throw new Error(`delivery ${id} still pending after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function emit(brandId: string, data: Record<string, unknown> = { contentId: "c-1" }) {
  return db().transaction((tx) => emitWebhookEvent(tx, { brandId, type: "content.approved", data }));
}

describe("webhook delivery", () => {
  it("signs in the Standard Webhooks format, which the standardwebhooks package verifies", async () => {
    const { brand, session } = await adminOf();
    const sub = await createWebhookSubscription(session, {
      brandId: brand.id,
      url: receiver.url,
      eventTypes: ["content.approved"],
    });
    expect(sub.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const { eventId, deliveryIds } = await emit(brand.id, { contentId: "abc", title: "Hello" });
    expect(deliveryIds).toHaveLength(1);
    const settled = await driveUntilSettled(deliveryIds[0]!);
    expect(settled).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 200 });

    const [hit] = receiver.forEvent(eventId);
    expect(hit!.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(hit!.rawBody);
    expect(body).toMatchObject({
      id: eventId,
      type: "content.approved",
      brandId: brand.id,
      data: { contentId: "abc" },
    });
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);

    // Standard Webhooks: the package a receiver uses verifies it; a tampered body does not.
    expect(hit!.headers["webhook-id"]).toBe(eventId);
    const headers = Object.fromEntries(Object.entries(hit!.headers).map(([k, v]) => [k, String(v)]));
    expect(new Webhook(sub.secret).verify(hit!.rawBody, headers)).toMatchObject({ id: eventId });
    const tampered = hit!.rawBody.replace('"abc"', '"abd"');
    expect(() => new Webhook(sub.secret).verify(tampered, headers)).toThrow();
  });

  it("retries a receiver that answers 500 three times with growing delays and delivers on the fourth try", async () => {
    const { brand, session } = await adminOf();
    const flaky = await startReceiver(({ attempt }) => (attempt <= 3 ? 500 : 204));
    try {
      await createWebhookSubscription(session, {
        brandId: brand.id,
        url: flaky.url,
        eventTypes: ["content.approved"],
      });
      const { eventId, deliveryIds } = await emit(brand.id);
      const id = deliveryIds[0]!;

      await attemptDelivery(id);
      const afterFirst = await delivery(id);
      expect(afterFirst).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
      expect(afterFirst.lastError).toContain("HTTP 500: receiver says no");
      // Not due yet: an early job claims nothing.
      expect(await attemptDelivery(id)).toBe("skipped");

      const settled = await driveUntilSettled(id);
      expect(settled).toMatchObject({
        status: "delivered",
        attempts: 4,
        lastStatusCode: 204,
        lastError: null,
      });
      expect(flaky.forEvent(eventId).map((r) => r.answeredWith)).toEqual([500, 500, 500, 204]);
      const attempts = await db()
        .select()
        .from(webhookDeliveryAttempts)
        .where(eq(webhookDeliveryAttempts.deliveryId, id))
        .orderBy(webhookDeliveryAttempts.startedAt);
      expect(attempts.map((a) => a.statusCode)).toEqual([500, 500, 500, 204]);
      // Backoff grows: base 200 ms × 3^n with ±25 % jitter.
      const gaps = attempts.slice(1).map((a, i) => a.startedAt.getTime() - attempts[i]!.startedAt.getTime());
      expect(gaps[0]).toBeGreaterThanOrEqual(150);
      expect(gaps[2]).toBeGreaterThanOrEqual(1350);
    } finally {
      await flaky.close();
    }
  });

  it("marks a delivery dead after the last attempt, and redeliver sends it again", async () => {
    setEnv({ WEBHOOK_ALLOW_PRIVATE_TARGETS: "1", WEBHOOK_RETRY_BASE_MS: "10", WEBHOOK_MAX_ATTEMPTS: "2" });
    try {
      const { brand, session } = await adminOf();
      const down = await startReceiver(() => 503);
      await createWebhookSubscription(session, {
        brandId: brand.id,
        url: down.url,
        eventTypes: ["content.approved"],
      });
      const { deliveryIds } = await emit(brand.id);
      const dead = await driveUntilSettled(deliveryIds[0]!);
      expect(dead).toMatchObject({ status: "dead", attempts: 2, lastStatusCode: 503 });

      down.setStatus(() => 200);
      await redeliverWebhook(session, { brandId: brand.id, deliveryId: dead.id });
      expect(await driveUntilSettled(dead.id)).toMatchObject({ status: "delivered", attempts: 1 });
      const listed = await listWebhookDeliveries(session, brand.id);
      expect(listed).toEqual([
        expect.objectContaining({ id: dead.id, status: "delivered", eventType: "content.approved" }),
      ]);
      // A pending or delivered-again delivery of another brand cannot be redelivered from here.
      const other = await adminOf();
      await expect(
        redeliverWebhook(other.session, { brandId: other.brand.id, deliveryId: dead.id }),
      ).rejects.toMatchObject({
        code: "conflict",
      });
      await down.close();
    } finally {
      setEnv({ WEBHOOK_MAX_ATTEMPTS: undefined });
    }
  });

  it("never delivers an event emitted in a transaction that rolled back", async () => {
    const { brand, session } = await adminOf();
    await createWebhookSubscription(session, {
      brandId: brand.id,
      url: receiver.url,
      eventTypes: ["content.approved"],
    });
    let emitted: { eventId: string; deliveryIds: string[] } | undefined;
    await expect(
      db().transaction(async (tx) => {
        emitted = await emitWebhookEvent(tx, { brandId: brand.id, type: "content.approved", data: { n: 1 } });
        throw new Error("the approval failed");
      }),
    ).rejects.toThrow("the approval failed");
    expect(emitted!.deliveryIds).toHaveLength(1);
    expect(await db().select().from(webhookEvents).where(eq(webhookEvents.id, emitted!.eventId))).toEqual([]);
    expect(
      await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, emitted!.deliveryIds[0]!)),
    ).toEqual([]);
    await dispatchDueDeliveries({ limit: 200 });
    expect(receiver.forEvent(emitted!.eventId)).toEqual([]);
  });

  it("writes deliveries only for the brand's active subscriptions to that event type", async () => {
    const { brand, session } = await adminOf();
    await createWebhookSubscription(session, {
      brandId: brand.id,
      url: receiver.url,
      eventTypes: ["model.drift"],
    });
    await createWebhookSubscription(session, {
      brandId: brand.id,
      url: receiver.url,
      eventTypes: ["content.approved"],
    });
    const off = await createWebhookSubscription(session, {
      brandId: brand.id,
      url: receiver.url,
      eventTypes: ["content.approved"],
    });
    await setWebhookSubscriptionActive(session, { brandId: brand.id, subscriptionId: off.id, active: false });
    const { deliveryIds } = await emit(brand.id);
    expect(deliveryIds).toHaveLength(1); // only the active subscription to content.approved
    expect(await emit((await createBrand()).id)).toMatchObject({ deliveryIds: [] });
  });

  it("a dispatcher claims committed deliveries that are due and attempts each once", async () => {
    const { brand, session } = await adminOf();
    await createWebhookSubscription(session, {
      brandId: brand.id,
      url: receiver.url,
      eventTypes: ["content.approved"],
    });
    const { eventId, deliveryIds } = await emit(brand.id);
    await Promise.all([dispatchDueDeliveries({ limit: 200 }), dispatchDueDeliveries({ limit: 200 })]);
    expect(await delivery(deliveryIds[0]!)).toMatchObject({ status: "delivered", attempts: 1 });
    // Two dispatchers at once (and any worker another test runs) claimed it once between them.
    expect(receiver.forEvent(eventId)).toHaveLength(1);
  });
});

describe("SSRF guard", () => {
  it("refuses loopback, private, link-local and metadata targets unless allowed", async () => {
    setEnv({ WEBHOOK_ALLOW_PRIVATE_TARGETS: undefined });
    const { brand, session } = await adminOf();
    for (const url of [
      "http://127.0.0.1:8080/x",
      "http://10.1.2.3/x",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::1]:3000/",
      "http://[::ffff:127.0.0.1]/",
      "http://[fd00:ec2::254]/",
      "http://192.168.1.10/",
      "http://localhost:3000/",
    ]) {
      await expect(
        createWebhookSubscription(session, { brandId: brand.id, url, eventTypes: ["content.approved"] }),
        url,
      ).rejects.toMatchObject({
        code: "validation_failed",
        details: [expect.objectContaining({ path: "url" })],
      });
    }
    expect(await subscriptionCount(brand.id)).toBe(0);
    for (const address of ["::ffff:7f00:1", "::ffff:10.0.0.1", "fe80::1", "0.0.0.0", "100.64.0.1", "::"]) {
      expect(isBlockedAddress(address), address).toBe(true);
    }
    for (const address of ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"]) {
      expect(isBlockedAddress(address), address).toBe(false);
    }
  });

  it("checks the target again at delivery time", async () => {
    const { brand, session } = await adminOf();
    await createWebhookSubscription(session, {
      brandId: brand.id,
      url: receiver.url,
      eventTypes: ["content.approved"],
    });
    setEnv({ WEBHOOK_ALLOW_PRIVATE_TARGETS: undefined, WEBHOOK_RETRY_BASE_MS: "200" });
    // Parked out of reach of any worker another test file runs (those allow private targets),
    // then attempted here, as a claim would.
    const { eventId, deliveryIds } = await db().transaction(async (tx) => {
      const emitted = await emitWebhookEvent(tx, { brandId: brand.id, type: "content.approved", data: {} });
      await tx
        .update(webhookDeliveries)
        .set({ nextAttemptAt: new Date(Date.now() + 3_600_000) })
        .where(eq(webhookDeliveries.id, emitted.deliveryIds[0]!));
      return emitted;
    });
    const [sub] = await db()
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, deliveryIds[0]!));
    expect(await runAttempt({ id: sub!.id, eventId, subscriptionId: sub!.subscriptionId, attempts: 0 })).toBe(
      "retrying",
    );
    const row = await delivery(deliveryIds[0]!);
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null });
    expect(row.lastError).toMatch(/^refused: .*private or reserved address \(127\.0\.0\.1\)/);
    expect(receiver.forEvent(eventId)).toEqual([]);
  });
});

async function subscriptionCount(brandId: string) {
  const [row] = await db()
    .select({ n: count() })
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.brandId, brandId));
  return row!.n;
}

describe("subscription input", () => {
  it("names the field at fault and changes nothing", async () => {
    const { brand, session } = await adminOf();
    const cases: [Record<string, unknown>, string][] = [
      [{ url: "ftp://example.com/x", eventTypes: ["content.approved"] }, "url"],
      [{ url: "not a url", eventTypes: ["content.approved"] }, "url"],
      [{ url: "https://user:pw@example.com/", eventTypes: ["content.approved"] }, "url"],
      [{ url: receiver.url, eventTypes: [] }, "eventTypes"],
      [{ url: receiver.url, eventTypes: ["content.deleted"] }, "eventTypes.0"],
      [{ url: "", eventTypes: ["content.approved"] }, "url"],
    ];
    for (const [input, path] of cases) {
      await expect(
        createWebhookSubscription(session, { brandId: brand.id, ...input } as never),
        JSON.stringify(input),
      ).rejects.toMatchObject({
        code: "validation_failed",
        details: expect.arrayContaining([expect.objectContaining({ path })]),
      });
    }
    await expect(
      createWebhookSubscription(session, {
        brandId: "nope",
        url: receiver.url,
        eventTypes: ["content.approved"],
      }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: [expect.objectContaining({ path: "brandId" })],
    });
    expect(await subscriptionCount(brand.id)).toBe(0);
  });

  it("refuses callers without webhooks:manage on the brand", async () => {
    const { brand } = await adminOf();
    const marketer = await createUser(brand.id, "marketer");
    const session = (await (await signedIn(marketer.id)).session())!;
    await expect(
      createWebhookSubscription(session, {
        brandId: brand.id,
        url: receiver.url,
        eventTypes: ["content.approved"],
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      createWebhookSubscription(null, {
        brandId: brand.id,
        url: receiver.url,
        eventTypes: ["content.approved"],
      }),
    ).rejects.toMatchObject({ code: "unauthorized" });
    expect(await subscriptionCount(brand.id)).toBe(0);
  });
});
