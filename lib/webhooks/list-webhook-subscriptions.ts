import { desc, eq } from "drizzle-orm";
import { webhookSubscriptions } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { authorize } from "@/lib/auth/authorize";
import { db } from "@/lib/db";

export interface WebhookSubscriptionView {
  id: string;
  url: string;
  eventTypes: string[];
  active: boolean;
  createdAt: Date;
}

/** A brand's subscriptions, newest first; never their secrets. */
export async function listWebhookSubscriptions(
  principal: Principal | null,
  brandId: string,
): Promise<WebhookSubscriptionView[]> {
  authorize(principal, "webhooks:manage", brandId);
  return db()
    .select({
      id: webhookSubscriptions.id,
      url: webhookSubscriptions.url,
      eventTypes: webhookSubscriptions.eventTypes,
      active: webhookSubscriptions.active,
      createdAt: webhookSubscriptions.createdAt,
    })
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.brandId, brandId))
    .orderBy(desc(webhookSubscriptions.createdAt));
}
