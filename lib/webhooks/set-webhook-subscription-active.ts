import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { webhookSubscriptions } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Session } from "@/lib/auth/types";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { webhookCallerOf, type WebhookCaller } from "./webhook-caller";

export const setWebhookSubscriptionActiveInput = z.object({
  brandId: z.string().uuid(),
  subscriptionId: z.string().uuid(),
  active: z.boolean(),
});

export type SetWebhookSubscriptionActiveInput = z.input<typeof setWebhookSubscriptionActiveInput>;

/** Disables or re-enables a subscription. A disabled one gets no new deliveries; its pending ones go dead. */
export async function setWebhookSubscriptionActive(
  session: Session | null,
  input: SetWebhookSubscriptionActiveInput,
): Promise<void> {
  const parsed = parseOrThrow(setWebhookSubscriptionActiveInput, input);
  await setWebhookSubscriptionActiveFor(webhookCallerOf(session, parsed.brandId), parsed);
}

export async function setWebhookSubscriptionActiveFor(
  caller: WebhookCaller,
  input: { subscriptionId: string; active: boolean },
): Promise<void> {
  const { subscriptionId, active } = parseOrThrow(
    setWebhookSubscriptionActiveInput.omit({ brandId: true }),
    input,
  );
  await db().transaction(async (tx) => {
    const updated = await tx
      .update(webhookSubscriptions)
      .set({ active })
      .where(
        and(eq(webhookSubscriptions.id, subscriptionId), eq(webhookSubscriptions.brandId, caller.brandId)),
      )
      .returning({ id: webhookSubscriptions.id });
    if (updated.length === 0) throw new AppError("not_found", "No such webhook subscription in this brand");
    await appendAudit(tx, {
      brandId: caller.brandId,
      actor: caller.actor,
      action: active ? "webhook.subscription.enabled" : "webhook.subscription.disabled",
      target: { type: "webhook_subscription", id: subscriptionId },
    });
  });
}
