import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { webhookSubscriptions } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { webhookSubscriptionFields } from "./create-webhook-subscription";
import type { WebhookSubscriptionView } from "./list-webhook-subscriptions";
import type { WebhookCaller } from "./webhook-caller";

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
export async function updateWebhookSubscriptionFor(
  caller: WebhookCaller,
  input: { subscriptionId: string } & z.input<typeof updateWebhookSubscriptionFields>,
): Promise<WebhookSubscriptionView> {
  const { subscriptionId, ...rest } = input;
  const { active, eventTypes } = parseOrThrow(updateWebhookSubscriptionFields, rest);
  const id = z.string().uuid().safeParse(subscriptionId).success ? subscriptionId : null;
  return db().transaction(async (tx) => {
    const [updated] = id
      ? await tx
          .update(webhookSubscriptions)
          .set({ ...(active !== undefined && { active }), ...(eventTypes && { eventTypes }) })
          .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.brandId, caller.brandId)))
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
        brandId: caller.brandId,
        actor: caller.actor,
        action: active ? "webhook.subscription.enabled" : "webhook.subscription.disabled",
        target,
      });
    if (eventTypes)
      await appendAudit(tx, {
        brandId: caller.brandId,
        actor: caller.actor,
        action: "webhook.subscription.updated",
        target,
        data: { eventTypes },
      });
    return updated;
  });
}
