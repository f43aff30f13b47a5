import { randomBytes } from "node:crypto";
import { z } from "zod";
import { webhookSubscriptions } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Session } from "@/lib/auth/types";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { sealSecret } from "@/lib/security/secret-box";
import { WEBHOOK_EVENT_TYPES } from "./event-types";
import { assertPublicTarget } from "@/lib/http/target-guard";
import { webhookCallerOf, type WebhookCaller } from "./webhook-caller";

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
  session: Session | null,
  input: CreateWebhookSubscriptionInput,
): Promise<CreatedWebhookSubscription> {
  const { brandId, ...fields } = parseOrThrow(createWebhookSubscriptionInput, input);
  return createWebhookSubscriptionFor(webhookCallerOf(session, brandId), fields);
}

export async function createWebhookSubscriptionFor(
  caller: WebhookCaller,
  input: z.input<typeof webhookSubscriptionFields>,
): Promise<CreatedWebhookSubscription> {
  const { url, eventTypes } = parseOrThrow(webhookSubscriptionFields, input);
  const target = await assertPublicTarget(url, "url");
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookSubscriptions)
      .values({
        brandId: caller.brandId,
        url: target.toString(),
        eventTypes,
        secretCiphertext: sealSecret(secret),
        createdBy: caller.userId,
      })
      .returning({ id: webhookSubscriptions.id, url: webhookSubscriptions.url });
    await appendAudit(tx, {
      brandId: caller.brandId,
      actor: caller.actor,
      action: "webhook.subscription.created",
      target: { type: "webhook_subscription", id: row!.id },
      data: { url: row!.url, eventTypes },
    });
    return { id: row!.id, url: row!.url, eventTypes, secret };
  });
}
