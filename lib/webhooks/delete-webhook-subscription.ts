import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { webhookSubscriptions } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Principal } from "@/lib/auth/principal";
import { authorize } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";

export const deleteWebhookSubscriptionInput = z.object({
  brandId: z.string().uuid(),
  subscriptionId: z.string().uuid(),
});

export type DeleteWebhookSubscriptionInput = z.input<typeof deleteWebhookSubscriptionInput>;

/** Deletes a subscription with its deliveries and their attempts (the audit log keeps the record). */
export async function deleteWebhookSubscription(
  principal: Principal | null,
  input: DeleteWebhookSubscriptionInput,
): Promise<void> {
  const { brandId, subscriptionId } = parseOrThrow(deleteWebhookSubscriptionInput, input);
  authorize(principal, "webhooks:manage", brandId);
  await db().transaction(async (tx) => {
    const deleted = await tx
      .delete(webhookSubscriptions)
      .where(and(eq(webhookSubscriptions.id, subscriptionId), eq(webhookSubscriptions.brandId, brandId)))
      .returning({ id: webhookSubscriptions.id, url: webhookSubscriptions.url });
    if (deleted.length === 0) throw new AppError("not_found", "No such webhook subscription in this brand");
    await appendAudit(tx, {
      brandId: brandId,
      actor: principal,
      action: "webhook.subscription.deleted",
      target: { type: "webhook_subscription", id: subscriptionId },
      data: { url: deleted[0]!.url },
    });
  });
}
