/**
 * The webhook outbox. The event and one pending delivery per matching subscription are written
 * in the caller's transaction, so they commit or roll back with the change they announce. The
 * delivery rows are the queue: every worker's dispatcher (dispatch-due-deliveries.ts) claims
 * due rows, so a process that dies right after the commit loses nothing. The commit also wakes
 * the dispatchers (a NOTIFY in the same transaction, delivery-wake.ts).
 *
 * Why no pg-boss job in the same transaction: pg-boss reads its queue cache on its own
 * connection, and the embedded database serves one transaction at a time, so that read would
 * wait for the caller's transaction forever.
 */
import { and, arrayContains, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { webhookDeliveries, webhookEvents, webhookSubscriptions } from "@/db/schema";
import { currentTraceparent } from "@/lib/tracing/trace-context";
import { announceDeliveries } from "./delivery-wake";

export type WebhookEventType =
  | "content.approved"
  | "content.retired"
  | "model.drift"
  | "model.evaluation_failed"
  | "rollout.decided"
  | "budget.warning";

export async function emitWebhookEvent(
  tx: Executor,
  event: { brandId: string; type: WebhookEventType; data: Record<string, unknown> },
): Promise<{ eventId: string; deliveryIds: string[] }> {
  const [row] = await tx
    .insert(webhookEvents)
    // The emitting change's trace: each delivery attempt continues it (run-attempt.ts).
    .values({
      brandId: event.brandId,
      type: event.type,
      payload: event.data,
      traceparent: currentTraceparent(),
    })
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
  await announceDeliveries(tx);
  return { eventId, deliveryIds: deliveries.map((d) => d.id) };
}
