import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { webhookSubscriptions } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Principal } from "@/lib/auth/principal";
import { authorize } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";

export const setWebhookSubscriptionActiveInput = z.object({
  brandId: z.string().uuid(),
  subscriptionId: z.string().uuid(),
  active: z.boolean(),
});

export type SetWebhookSubscriptionActiveInput = z.input<typeof setWebhookSubscriptionActiveInput>;

/** Disables or re-enables a subscription. A disabled one gets no new deliveries; its pending ones go dead. */
export async function setWebhookSubscriptionActive(
  principal: Principal | null,
  input: SetWebhookSubscriptionActiveInput,
): Promise<void> {
  const { brandId, subscriptionId, active } = parseOrThrow(setWebhookSubscriptionActiveInput, input);
  authorize(principal, "webhooks:manage", brandId);
  await db().transaction(async (tx) => {
    const updated = await tx
      .update(webhookSubscriptions)
      .set({ active })
      .where(and(eq(webhookSubscriptions.id, subscriptionId), eq(webhookSubscriptions.brandId, brandId)))
      .returning({ id: webhookSubscriptions.id });
    if (updated.length === 0) throw new AppError("not_found", "No such webhook subscription in this brand");
    await appendAudit(tx, {
      brandId: brandId,
      actor: principal,
      action: active ? "webhook.subscription.enabled" : "webhook.subscription.disabled",
      target: { type: "webhook_subscription", id: subscriptionId },
    });
  });
}
