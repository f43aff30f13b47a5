"use server";

import { revalidatePath } from "next/cache";
import {
  createWebhookSubscription,
  createWebhookSubscriptionInput,
} from "@/lib/webhooks/create-webhook-subscription";
import {
  deleteWebhookSubscription,
  deleteWebhookSubscriptionInput,
} from "@/lib/webhooks/delete-webhook-subscription";
import { redeliverWebhook, redeliverWebhookInput } from "@/lib/webhooks/redeliver-webhook";
import { rotateWebhookSecret, rotateWebhookSecretInput } from "@/lib/webhooks/rotate-webhook-secret";
import {
  setWebhookSubscriptionActive,
  setWebhookSubscriptionActiveInput,
} from "@/lib/webhooks/set-webhook-subscription-active";
import { withSessionAction } from "../../../_auth/with-session";

/** Admin-only: lib/webhooks authorizes `webhooks:manage` on the brand in the input. */
export const createSubscription = withSessionAction(
  createWebhookSubscriptionInput,
  async (session, input) => {
    const created = await createWebhookSubscription(session, input);
    revalidatePath("/admin/webhooks");
    return created;
  },
);

export const setSubscriptionActive = withSessionAction(
  setWebhookSubscriptionActiveInput,
  async (session, input) => {
    await setWebhookSubscriptionActive(session, input);
    revalidatePath("/admin/webhooks");
    return { subscriptionId: input.subscriptionId, active: input.active };
  },
);

export const deleteSubscription = withSessionAction(
  deleteWebhookSubscriptionInput,
  async (session, input) => {
    await deleteWebhookSubscription(session, input);
    revalidatePath("/admin/webhooks");
    return { subscriptionId: input.subscriptionId };
  },
);

export const redeliver = withSessionAction(redeliverWebhookInput, async (session, input) => {
  await redeliverWebhook(session, input);
  revalidatePath("/admin/webhooks");
  return { deliveryId: input.deliveryId };
});

/** The new secret is returned to the admin's browser once; the old one keeps signing for a day. */
export const rotateSecret = withSessionAction(rotateWebhookSecretInput, async (session, input) => {
  const rotated = await rotateWebhookSecret(session, input);
  revalidatePath("/admin/webhooks");
  return {
    subscriptionId: rotated.id,
    secret: rotated.secret,
    previousSecretExpiresAt: rotated.previousSecretExpiresAt?.toISOString() ?? null,
  };
});
