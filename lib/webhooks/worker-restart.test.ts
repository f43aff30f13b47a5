/**
 * Deliveries belong to the database, not to a worker: a worker killed with SIGKILL while the
 * receiver is failing leaves its deliveries pending, and the next worker delivers them.
 */
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { webhookDeliveries } from "@/db/schema";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { stopSender } from "@/lib/jobs/send-job";
import { createBrand, createUser, signedIn } from "@/test/factories";
import { spawnEntry, waitFor, type Spawned } from "@/test/spawn";
import { startReceiver } from "@/test/webhook-receiver";
import { createWebhookSubscription } from "./create-webhook-subscription";
import { emitWebhookEvent } from "./emit-webhook-event";

const started: Spawned[] = [];
afterAll(async () => {
  for (const w of started) if (w.child.exitCode === null) w.child.kill("SIGKILL");
  await stopSender();
});

function startWorker() {
  const worker = spawnEntry("workers/index.ts", {
    WEBHOOK_ALLOW_PRIVATE_TARGETS: "1",
    WEBHOOK_RETRY_BASE_MS: "200",
    LOG_LEVEL: "info",
  });
  started.push(worker);
  return worker;
}

async function delivery(id: string) {
  const [row] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return row!;
}

describe("webhook deliveries across a worker crash", () => {
  it("a new worker delivers what a SIGKILLed worker left pending, once per event id", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1";
    resetEnvCache();
    const receiver = await startReceiver(() => 500);
    try {
      const brand = await createBrand();
      const admin = await createUser(brand.id, "admin");
      const session = (await (await signedIn(admin.id)).session())!;
      await createWebhookSubscription(session, {
        brandId: brand.id,
        url: receiver.url,
        eventTypes: ["content.retired"],
      });

      const first = startWorker();
      await first.ready;
      const committedAt = Date.now();
      const { eventId, deliveryIds } = await db().transaction((tx) =>
        emitWebhookEvent(tx, { brandId: brand.id, type: "content.retired", data: { contentId: "c-9" } }),
      );
      const [firstHit] = await waitFor(
        async () => receiver.forEvent(eventId).length > 0 && receiver.forEvent(eventId),
        10_000,
        "the first attempt",
      );
      // The default poll interval (1 s) bounds the wait before a first attempt (with slack for a loaded CI machine).
      expect(Date.now() - committedAt).toBeLessThan(3000);
      expect(firstHit!.answeredWith).toBe(500);
      await waitFor(async () => (await delivery(deliveryIds[0]!)).attempts >= 2, 15_000, "a retry");

      first.child.kill("SIGKILL");
      expect((await first.exited).signal).toBe("SIGKILL");
      expect((await delivery(deliveryIds[0]!)).status).toBe("pending");

      receiver.setStatus(() => 200);
      const second = startWorker();
      await second.ready;
      // A kill mid-attempt leaves the row leased for the POST timeout + 30 s before it is due again.
      const settled = await waitFor(
        async () => {
          const row = await delivery(deliveryIds[0]!);
          return row.status !== "pending" && row;
        },
        60_000,
        "the delivery to settle",
      );
      expect(settled).toMatchObject({ status: "delivered", lastStatusCode: 200 });
      expect(receiver.accepted.get(eventId)).toBe(1);
      const hits = receiver.forEvent(eventId);
      expect(hits.map((h) => h.answeredWith).slice(0, -1)).toEqual(hits.slice(0, -1).map(() => 500));
      expect(settled.attempts).toBe(hits.length);

      second.child.kill("SIGTERM");
      expect((await second.exited).code).toBe(0);
    } finally {
      await receiver.close();
      delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
      resetEnvCache();
    }
  }, 120_000);
});
