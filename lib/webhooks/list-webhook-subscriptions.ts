import { desc, eq } from "drizzle-orm";
import { webhookSubscriptions } from "@/db/schema";
import type { Session } from "@/lib/auth/types";
import { db } from "@/lib/db";
import { webhookCallerOf, type WebhookCaller } from "./webhook-caller";

export interface WebhookSubscriptionView {
  id: string;
  url: string;
  eventTypes: string[];
  active: boolean;
  createdAt: Date;
}

/** A brand's subscriptions, newest first; never their secrets. */
export async function listWebhookSubscriptions(
  session: Session | null,
  brandId: string,
): Promise<WebhookSubscriptionView[]> {
  return listWebhookSubscriptionsFor(webhookCallerOf(session, brandId));
}

export async function listWebhookSubscriptionsFor(caller: WebhookCaller): Promise<WebhookSubscriptionView[]> {
  return db()
    .select({
      id: webhookSubscriptions.id,
      url: webhookSubscriptions.url,
      eventTypes: webhookSubscriptions.eventTypes,
      active: webhookSubscriptions.active,
      createdAt: webhookSubscriptions.createdAt,
    })
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.brandId, caller.brandId))
    .orderBy(desc(webhookSubscriptions.createdAt));
}
