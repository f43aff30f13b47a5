/**
 * Issue 23, item 5: a receiver built on the `standardwebhooks` package (what the README tells
 * receivers to use) verifies Brandgate's real deliveries: subscribed and rotated over the REST
 * API, delivered by lib/webhooks to an HTTP endpoint on 127.0.0.1, before, during and after a
 * secret rotation; retries keep the `webhook-id` a receiver de-duplicates on.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEntries, webhookDeliveries, webhookSubscriptions } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { attemptDelivery } from "@/lib/webhooks/attempt-delivery";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";
import { buildApi } from "@/server/api/app";
import { createBrand, createUser, signedIn } from "@/test/factories";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  /** Which of the receiver's secrets verified it (by index), or null. */
  verifiedBy: number | null;
}

/**
 * A receiver as the README writes it: `new Webhook(secret).verify(rawBody, headers)`, 400 when
 * no secret verifies, and a 2xx for a `webhook-id` already seen. `failFirst` answers 500 to the
 * first try of each message, to see retries.
 */
async function startStandardReceiver(failFirst = false) {
  let secrets: string[] = [];
  const received: Received[] = [];
  const seen = new Set<string>();
  const tries = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const verifiedBy = secrets.findIndex((s) => {
        try {
          new Webhook(s).verify(body, headers);
          return true;
        } catch {
          return false;
        }
      });
      received.push({ headers: req.headers, body, verifiedBy: verifiedBy < 0 ? null : verifiedBy });
      if (verifiedBy < 0) return res.writeHead(400).end("bad signature");
      const id = headers["webhook-id"]!;
      const n = (tries.get(id) ?? 0) + 1;
      tries.set(id, n);
      if (failFirst && n === 1) return res.writeHead(500).end("try again");
      seen.add(id);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    seen,
    setSecrets(next: string[]) {
      secrets = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let app: FastifyInstance;
let base: string;
let brandId: string;
let key: string;

beforeAll(async () => {
  app = await buildApi();
  await app.listen({ host: "127.0.0.1", port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1`;
  brandId = (await createBrand()).id;
  const admin = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
  key = (await createApiKey(admin, { brandId, name: "hooks", scopes: ["webhooks"] })).plaintext;
});
afterAll(() => app.close());

const api = (path: string, body: unknown) =>
  fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });

/** Emits one event for the brand and attempts its delivery to `subscriptionId` until it settles. */
async function deliverOne(subscriptionId: string, maxAttempts = 200) {
  const { eventId } = await db().transaction((tx) =>
    emitWebhookEvent(tx, { brandId, type: "content.approved", data: { contentId: "c-1" } }),
  );
  const [row] = await db()
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.eventId, eventId), eq(webhookDeliveries.subscriptionId, subscriptionId)));
  for (let i = 0; i < maxAttempts; i++) {
    await attemptDelivery(row!.id);
    const [d] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, row!.id));
    if (d!.status !== "pending" || i === maxAttempts - 1) return { eventId, delivery: d! };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("delivery never settled");
}

describe("Standard Webhooks deliveries", () => {
  it("verify with the standardwebhooks package before, during and after a rotation", async () => {
    const receiver = await startStandardReceiver();
    try {
      const created = await api("/webhooks", { url: receiver.url, eventTypes: ["content.approved"] });
      expect(created.status).toBe(201);
      const sub = (await created.json()) as { id: string; secret: string };
      expect(sub.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
      const oldSecret = sub.secret;

      // Before: the one secret verifies; the headers are the standard three.
      receiver.setSecrets([oldSecret]);
      const first = await deliverOne(sub.id);
      expect(first.delivery.status).toBe("delivered");
      const hit = receiver.received.at(-1)!;
      expect(hit.verifiedBy).toBe(0);
      expect(hit.headers["webhook-id"]).toBe(first.eventId);
      expect(hit.headers["webhook-timestamp"]).toMatch(/^\d+$/);
      expect(hit.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(JSON.parse(hit.body)).toMatchObject({ id: first.eventId, type: "content.approved" });
      // A tampered body or another secret does not verify.
      const headers = Object.fromEntries(Object.entries(hit.headers).map(([k, v]) => [k, String(v)]));
      expect(() => new Webhook(oldSecret).verify(hit.body.replace("c-1", "c-2"), headers)).toThrow();
      expect(() =>
        new Webhook(`whsec_${Buffer.from("x".repeat(24)).toString("base64")}`).verify(hit.body, headers),
      ).toThrow();

      // Rotate over the API: a new secret, the old one signing for the overlap.
      const rotatedRes = await api(`/webhooks/${sub.id}/rotate-secret`, { overlapSeconds: 3600 });
      expect(rotatedRes.status).toBe(200);
      const rotated = (await rotatedRes.json()) as { secret: string; previousSecretExpiresAt: string };
      expect(rotated.secret).toMatch(/^whsec_/);
      expect(rotated.secret).not.toBe(oldSecret);
      expect(new Date(rotated.previousSecretExpiresAt).getTime()).toBeGreaterThan(Date.now());

      // During: two signatures, space-separated; a receiver on either secret verifies.
      receiver.setSecrets([oldSecret]);
      await deliverOne(sub.id);
      const during = receiver.received.at(-1)!;
      expect(String(during.headers["webhook-signature"]).split(" ")).toHaveLength(2);
      expect(during.verifiedBy).toBe(0);
      receiver.setSecrets([rotated.secret]);
      expect((await deliverOne(sub.id)).delivery.status).toBe("delivered");
      expect(receiver.received.at(-1)!.verifiedBy).toBe(0);

      // After the overlap: only the new secret signs; the old one no longer verifies.
      await db()
        .update(webhookSubscriptions)
        .set({ previousSecretExpiresAt: new Date(Date.now() - 1000) })
        .where(eq(webhookSubscriptions.id, sub.id));
      receiver.setSecrets([oldSecret, rotated.secret]);
      await deliverOne(sub.id);
      const after = receiver.received.at(-1)!;
      expect(String(after.headers["webhook-signature"]).split(" ")).toHaveLength(1);
      expect(after.verifiedBy).toBe(1);

      // Audited, without either secret.
      const audit = await db()
        .select()
        .from(auditEntries)
        .where(
          and(
            eq(auditEntries.action, "webhook.subscription.secret_rotated"),
            eq(auditEntries.targetId, sub.id),
          ),
        );
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit)).not.toContain(rotated.secret.slice(6));
      expect(JSON.stringify(audit)).not.toContain(oldSecret.slice(6));
    } finally {
      await receiver.close();
    }
  });

  it("an overlap of 0 ends the old secret at once", async () => {
    const receiver = await startStandardReceiver();
    try {
      const sub = (await (
        await api("/webhooks", { url: receiver.url, eventTypes: ["content.approved"] })
      ).json()) as { id: string; secret: string };
      const res = await api(`/webhooks/${sub.id}/rotate-secret`, { overlapSeconds: 0 });
      const rotated = (await res.json()) as { secret: string; previousSecretExpiresAt: string | null };
      expect(rotated.previousSecretExpiresAt).toBeNull();
      receiver.setSecrets([sub.secret]);
      const { delivery } = await deliverOne(sub.id, 1);
      expect(delivery).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 400 });
      expect(String(receiver.received.at(-1)!.headers["webhook-signature"]).split(" ")).toHaveLength(1);
      expect(receiver.received.at(-1)!.verifiedBy).toBeNull();
    } finally {
      await receiver.close();
    }
  });

  it("keeps the webhook-id across retries, so the receiver de-duplicates on it", async () => {
    const receiver = await startStandardReceiver(true);
    try {
      const sub = (await (
        await api("/webhooks", { url: receiver.url, eventTypes: ["content.approved"] })
      ).json()) as { id: string; secret: string };
      receiver.setSecrets([sub.secret]);
      const { eventId, delivery } = await deliverOne(sub.id);
      expect(delivery).toMatchObject({ status: "delivered", attempts: 2 });
      const tries = receiver.received.filter((r) => r.headers["webhook-id"] === eventId);
      expect(tries).toHaveLength(2);
      expect(tries.every((t) => t.verifiedBy === 0)).toBe(true);
      // Each try is signed afresh (its own timestamp), yet carries the same id.
      expect(receiver.seen.has(eventId)).toBe(true);
    } finally {
      await receiver.close();
    }
  });

  it("refuses a bad overlap with 400 naming the field, and an unknown subscription with 404", async () => {
    const res = await api(`/webhooks/${crypto.randomUUID()}/rotate-secret`, { overlapSeconds: -1 });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("overlapSeconds");
    expect((await api(`/webhooks/${crypto.randomUUID()}/rotate-secret`, {})).status).toBe(404);
  });
});
