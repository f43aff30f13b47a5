import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { webhookSubscriptions } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Session } from "@/lib/auth/types";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { webhookCallerOf, type WebhookCaller } from "./webhook-caller";

export const deleteWebhookSubscriptionInput = z.object({
  brandId: z.string().uuid(),
  subscriptionId: z.string().uuid(),
});

export type DeleteWebhookSubscriptionInput = z.input<typeof deleteWebhookSubscriptionInput>;

/** Deletes a subscription with its deliveries and their attempts (the audit log keeps the record). */
export async function deleteWebhookSubscription(
  session: Session | null,
  input: DeleteWebhookSubscriptionInput,
): Promise<void> {
  const parsed = parseOrThrow(deleteWebhookSubscriptionInput, input);
  await deleteWebhookSubscriptionFor(webhookCallerOf(session, parsed.brandId), parsed);
}

export async function deleteWebhookSubscriptionFor(
  caller: WebhookCaller,
  input: { subscriptionId: string },
): Promise<void> {
  const { subscriptionId } = parseOrThrow(
    deleteWebhookSubscriptionInput.pick({ subscriptionId: true }),
    input,
  );
  await db().transaction(async (tx) => {
    const deleted = await tx
      .delete(webhookSubscriptions)
      .where(
        and(eq(webhookSubscriptions.id, subscriptionId), eq(webhookSubscriptions.brandId, caller.brandId)),
      )
      .returning({ id: webhookSubscriptions.id, url: webhookSubscriptions.url });
    if (deleted.length === 0) throw new AppError("not_found", "No such webhook subscription in this brand");
    await appendAudit(tx, {
      brandId: caller.brandId,
      actor: caller.actor,
      action: "webhook.subscription.deleted",
      target: { type: "webhook_subscription", id: subscriptionId },
      data: { url: deleted[0]!.url },
    });
  });
}
