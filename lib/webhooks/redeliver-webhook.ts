import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { webhookDeliveries, webhookSubscriptions } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Principal } from "@/lib/auth/principal";
import { authorize } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { nudgeDeliveries } from "./nudge-deliveries";

export const redeliverWebhookInput = z.object({
  brandId: z.string().uuid(),
  deliveryId: z.string().uuid(),
  /** The API names the delivery under its subscription: then it must belong to that one. */
  subscriptionId: z.string().uuid().optional(),
});

export type RedeliverWebhookInput = z.input<typeof redeliverWebhookInput>;

/**
 * Sends a dead or delivered delivery again: back to pending with a fresh attempt budget.
 * Receivers see the same `webhook-id` and can dedupe on it.
 */
export async function redeliverWebhook(
  principal: Principal | null,
  input: RedeliverWebhookInput,
): Promise<void> {
  const { brandId, deliveryId, subscriptionId } = parseOrThrow(redeliverWebhookInput, input);
  authorize(principal, "webhooks:manage", brandId);
  await db().transaction(async (tx) => {
    const ofBrand = tx
      .select({ id: webhookSubscriptions.id })
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.brandId, brandId));
    const updated = await tx
      .update(webhookDeliveries)
      .set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()`, deliveredAt: null })
      .where(
        and(
          eq(webhookDeliveries.id, deliveryId),
          inArray(webhookDeliveries.status, ["dead", "delivered"]),
          inArray(webhookDeliveries.subscriptionId, ofBrand),
          subscriptionId ? eq(webhookDeliveries.subscriptionId, subscriptionId) : undefined,
        ),
      )
      .returning({ id: webhookDeliveries.id });
    if (updated.length === 0) {
      throw new AppError("conflict", "Only a delivered or dead delivery of this brand can be sent again", {
        path: "deliveryId",
      });
    }
    await appendAudit(tx, {
      brandId: brandId,
      actor: principal,
      action: "webhook.delivery.redelivered",
      target: { type: "webhook_delivery", id: deliveryId },
    });
  });
  await nudgeDeliveries([deliveryId]);
}
