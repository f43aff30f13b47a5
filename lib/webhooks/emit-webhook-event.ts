/**
 * Interface of the webhook outbox; the implementation lands from the webhooks branch.
 * Until then this delivers nothing — do not ship it.
 */
import type { Executor } from "@/db/client";

export type WebhookEventType = "content.approved" | "content.retired" | "model.drift";

export async function emitWebhookEvent(
  _tx: Executor,
  _event: { brandId: string; type: WebhookEventType; data: Record<string, unknown> },
): Promise<{ eventId: string; deliveryIds: string[] }> {
  return { eventId: "", deliveryIds: [] };
}
