import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { webhookSubscriptions } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Principal } from "@/lib/auth/principal";
import { authorize } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { sealSecret } from "@/lib/security/secret-box";
import { newSigningSecret } from "./sign-payload";

/** How long deliveries keep carrying the old secret's signature after a rotation, by default. */
export const DEFAULT_ROTATION_OVERLAP_SECONDS = 24 * 60 * 60;

export const rotateWebhookSecretFields = z.object({
  overlapSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60 * 60)
    .default(DEFAULT_ROTATION_OVERLAP_SECONDS)
    .describe(
      "How long deliveries are also signed with the old secret (0 ends it now); default one day, at most seven",
    ),
});
export const rotateWebhookSecretInput = rotateWebhookSecretFields.extend({
  brandId: z.string().uuid(),
  subscriptionId: z.string().uuid(),
});

export type RotateWebhookSecretInput = z.input<typeof rotateWebhookSecretInput>;

export interface RotatedWebhookSecret {
  id: string;
  /** The new `whsec_…` secret, shown this once. */
  secret: string;
  /** Until then deliveries carry both signatures; null when the old secret ended at once. */
  previousSecretExpiresAt: Date | null;
}

/**
 * Gives a subscription a new signing secret. The current one becomes the previous one until the
 * overlap ends (a rotation during an overlap drops the older one: at most two are live), so a
 * receiver that still holds the old secret verifies every delivery while it switches.
 */
export async function rotateWebhookSecret(
  principal: Principal | null,
  input: RotateWebhookSecretInput,
): Promise<RotatedWebhookSecret> {
  const { brandId, subscriptionId, overlapSeconds } = parseOrThrow(rotateWebhookSecretInput, input);
  authorize(principal, "webhooks:manage", brandId);
  const secret = newSigningSecret();
  return db().transaction(async (tx) => {
    const [updated] = await tx
      .update(webhookSubscriptions)
      .set(
        overlapSeconds > 0
          ? {
              previousSecretCiphertext: sql`${webhookSubscriptions.secretCiphertext}`,
              previousSecretExpiresAt: sql`now() + make_interval(secs => ${overlapSeconds})`,
              secretCiphertext: sealSecret(secret),
            }
          : {
              previousSecretCiphertext: null,
              previousSecretExpiresAt: null,
              secretCiphertext: sealSecret(secret),
            },
      )
      .where(and(eq(webhookSubscriptions.id, subscriptionId), eq(webhookSubscriptions.brandId, brandId)))
      .returning({
        id: webhookSubscriptions.id,
        previousSecretExpiresAt: webhookSubscriptions.previousSecretExpiresAt,
      });
    if (!updated) throw new AppError("not_found", "No such webhook subscription in this brand");
    await appendAudit(tx, {
      brandId,
      actor: principal,
      action: "webhook.subscription.secret_rotated",
      target: { type: "webhook_subscription", id: updated.id },
      // Never the secrets: only when the old one stops signing.
      data: { previousSecretExpiresAt: updated.previousSecretExpiresAt?.toISOString() ?? null },
    });
    return { id: updated.id, secret, previousSecretExpiresAt: updated.previousSecretExpiresAt };
  });
}
