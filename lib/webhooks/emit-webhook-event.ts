/**
 * The webhook outbox. The event and its deliveries are written in the caller's transaction,
 * together with the jobs that attempt them: all commit or none do. A worker that dies after
 * the commit leaves pending rows that the next worker attempts (lib/webhooks/attempt-delivery.ts).
 */
import { and, arrayContains, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { webhookDeliveries, webhookEvents, webhookSubscriptions } from "@/db/schema";
import { enqueueDeliveries } from "./enqueue-deliveries";

export type WebhookEventType = "content.approved" | "content.retired" | "model.drift";

export async function emitWebhookEvent(
  tx: Executor,
  event: { brandId: string; type: WebhookEventType; data: Record<string, unknown> },
): Promise<{ eventId: string; deliveryIds: string[] }> {
  const [row] = await tx
    .insert(webhookEvents)
    .values({ brandId: event.brandId, type: event.type, payload: event.data })
    .returning({ id: webhookEvents.id });
  const eventId = row!.id;
  const subscriptions = await tx
    .select({ id: webhookSubscriptions.id })
    .from(webhookSubscriptions)
    .where(
      and(
        eq(webhookSubscriptions.brandId, event.brandId),
        eq(webhookSubscriptions.active, true),
        arrayContains(webhookSubscriptions.eventTypes, [event.type]),
      ),
    );
  if (subscriptions.length === 0) return { eventId, deliveryIds: [] };
  const deliveries = await tx
    .insert(webhookDeliveries)
    .values(subscriptions.map((s) => ({ eventId, subscriptionId: s.id })))
    .returning({ id: webhookDeliveries.id });
  const deliveryIds = deliveries.map((d) => d.id);
  await enqueueDeliveries(tx, deliveryIds);
  return { eventId, deliveryIds };
}
