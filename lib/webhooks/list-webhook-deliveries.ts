import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import {
  webhookDeliveries,
  webhookEvents,
  webhookSubscriptions,
  type WebhookDeliveryStatus,
} from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { authorize } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";

export const listWebhookDeliveriesOptions = z.object({
  subscriptionId: z.string().uuid().optional(),
  status: z.enum(["pending", "delivered", "dead"]).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export interface WebhookDeliveryView {
  id: string;
  subscriptionId: string;
  url: string;
  eventId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** A brand's most recent deliveries, newest first; naming another brand's subscription is a 404. */
export async function listWebhookDeliveries(
  principal: Principal | null,
  brandId: string,
  options: z.input<typeof listWebhookDeliveriesOptions> = {},
): Promise<WebhookDeliveryView[]> {
  authorize(principal, "webhooks:manage", brandId);
  const { subscriptionId, status, limit } = parseOrThrow(listWebhookDeliveriesOptions, options);
  if (subscriptionId) {
    const [owned] = await db()
      .select({ id: webhookSubscriptions.id })
      .from(webhookSubscriptions)
      .where(and(eq(webhookSubscriptions.id, subscriptionId), eq(webhookSubscriptions.brandId, brandId)));
    if (!owned) throw new AppError("not_found", "No such webhook subscription in this brand");
  }
  return db()
    .select({
      id: webhookDeliveries.id,
      subscriptionId: webhookDeliveries.subscriptionId,
      url: webhookSubscriptions.url,
      eventId: webhookDeliveries.eventId,
      eventType: webhookEvents.type,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(
      and(
        eq(webhookSubscriptions.brandId, brandId),
        subscriptionId ? eq(webhookDeliveries.subscriptionId, subscriptionId) : undefined,
        status ? eq(webhookDeliveries.status, status) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit);
}
