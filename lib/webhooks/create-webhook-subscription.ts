import { z } from "zod";
import { webhookSubscriptions } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { userIdOf, type Principal } from "@/lib/auth/principal";
import { authorize } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { sealSecret } from "@/lib/security/secret-box";
import { WEBHOOK_EVENT_TYPES } from "./event-types";
import { newSigningSecret } from "./sign-payload";
import { assertPublicTarget } from "@/lib/http/target-guard";

export const webhookSubscriptionFields = z.object({
  url: z.string().trim().min(1, "Required").max(2000),
  eventTypes: z
    .array(z.enum(WEBHOOK_EVENT_TYPES))
    .min(1, "Choose at least one event type")
    .transform((types) => [...new Set(types)]),
});
export const createWebhookSubscriptionInput = webhookSubscriptionFields.extend({
  brandId: z.string().uuid(),
});

export type CreateWebhookSubscriptionInput = z.input<typeof createWebhookSubscriptionInput>;

export interface CreatedWebhookSubscription {
  id: string;
  url: string;
  eventTypes: string[];
  /** The signing secret, `whsec_…`. Shown this once; only its sealed form is stored. */
  secret: string;
}

export async function createWebhookSubscription(
  principal: Principal | null,
  input: CreateWebhookSubscriptionInput,
): Promise<CreatedWebhookSubscription> {
  const { brandId, url, eventTypes } = parseOrThrow(createWebhookSubscriptionInput, input);
  authorize(principal, "webhooks:manage", brandId);
  const target = await assertPublicTarget(url, "url");
  const secret = newSigningSecret();
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookSubscriptions)
      .values({
        brandId: brandId,
        url: target.toString(),
        eventTypes,
        secretCiphertext: sealSecret(secret),
        createdBy: userIdOf(principal),
      })
      .returning({ id: webhookSubscriptions.id, url: webhookSubscriptions.url });
    await appendAudit(tx, {
      brandId: brandId,
      actor: principal,
      action: "webhook.subscription.created",
      target: { type: "webhook_subscription", id: row!.id },
      data: { url: row!.url, eventTypes },
    });
    return { id: row!.id, url: row!.url, eventTypes, secret };
  });
}
