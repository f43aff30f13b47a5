import { and, eq, lte, sql } from "drizzle-orm";
import { webhookDeliveries } from "@/db/schema";
import { db } from "@/lib/db";
import { leaseSeconds, runAttempt, type AttemptOutcome } from "./run-attempt";

/**
 * The `webhooks.deliver.v1` job: claims the delivery if it is pending and due, then attempts
 * it. Idempotent: a duplicate or early job finds nothing to claim and does nothing.
 */
export async function attemptDelivery(deliveryId: string): Promise<AttemptOutcome> {
  const [claimed] = await db()
    .update(webhookDeliveries)
    .set({ nextAttemptAt: sql`now() + make_interval(secs => ${leaseSeconds()})` })
    .where(
      and(
        eq(webhookDeliveries.id, deliveryId),
        eq(webhookDeliveries.status, "pending"),
        lte(webhookDeliveries.nextAttemptAt, sql`now()`),
      ),
    )
    .returning({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      subscriptionId: webhookDeliveries.subscriptionId,
      attempts: webhookDeliveries.attempts,
    });
  if (!claimed) return "skipped";
  return runAttempt(claimed);
}
