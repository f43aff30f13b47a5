import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { webhookSubscriptions } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { webhookSubscriptionFields } from "./create-webhook-subscription";
import type { WebhookSubscriptionView } from "./list-webhook-subscriptions";

export const updateWebhookSubscriptionFields = z
  .object({
    active: z.boolean().optional(),
    eventTypes: webhookSubscriptionFields.shape.eventTypes.optional(),
  })
  .refine((v) => v.active !== undefined || v.eventTypes !== undefined, {
    message: "Change `active`, `eventTypes`, or both",
  });

/**
 * Switches a subscription on or off and/or changes its event types, in one audited
 * transaction. Its URL (and so its SSRF check) and its secret stay as they were.
 */
export async function updateWebhookSubscription(
  principal: Principal | null,
  input: { brandId: string; subscriptionId: string } & z.input<typeof updateWebhookSubscriptionFields>,
): Promise<WebhookSubscriptionView> {
  const { brandId, subscriptionId, ...rest } = input;
  authorize(principal, "webhooks:manage", brandId);
  const { active, eventTypes } = parseOrThrow(updateWebhookSubscriptionFields, rest);
  const id = z.string().uuid().safeParse(subscriptionId).success ? subscriptionId : null;
  return db().transaction(async (tx) => {
    const [updated] = id
      ? await tx
          .update(webhookSubscriptions)
          .set({ ...(active !== undefined && { active }), ...(eventTypes && { eventTypes }) })
          .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.brandId, brandId)))
          .returning({
            id: webhookSubscriptions.id,
            url: webhookSubscriptions.url,
            eventTypes: webhookSubscriptions.eventTypes,
            active: webhookSubscriptions.active,
            createdAt: webhookSubscriptions.createdAt,
          })
      : [];
    if (!updated) throw new AppError("not_found", "No such webhook subscription in this brand");
    const target = { type: "webhook_subscription", id: updated.id };
    if (active !== undefined)
      await appendAudit(tx, {
        brandId: brandId,
        actor: principal,
        action: active ? "webhook.subscription.enabled" : "webhook.subscription.disabled",
        target,
      });
    if (eventTypes)
      await appendAudit(tx, {
        brandId: brandId,
        actor: principal,
        action: "webhook.subscription.updated",
        target,
        data: { eventTypes },
      });
    return updated;
  });
}
