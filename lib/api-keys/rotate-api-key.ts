import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { apiKeys } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { apiKeyView } from "./api-key-view";
import type { CreatedApiKey } from "./create-api-key";
import { generateKeyMaterial } from "./key-material";

/** Up to a week: long enough to redeploy every client, short enough that old keys die. */
export const MAX_GRACE_SECONDS = 7 * 24 * 3600;

export const rotateApiKeyInput = z.object({
  brandId: z.string().uuid(),
  keyId: z.string().uuid(),
  graceSeconds: z.number().int().min(0).max(MAX_GRACE_SECONDS),
});

/**
 * Issues a new key with the same settings; the old one keeps working until now + grace
 * (its revokedAt is set in the future) and is refused after. Rotating a key twice is refused:
 * rotate the new one instead.
 */
export async function rotateApiKey(
  principal: Principal | null,
  raw: z.input<typeof rotateApiKeyInput>,
): Promise<CreatedApiKey & { previous: ReturnType<typeof apiKeyView> }> {
  const input = parseOrThrow(rotateApiKeyInput, raw);
  authorize(principal, "api-keys:manage", input.brandId);
  const material = generateKeyMaterial();
  return db().transaction(async (tx) => {
    // Compare-and-set: only a key that is live and not already rotating can be rotated, so
    // two admins rotating at once produce one successor, not two.
    const [old] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now() + make_interval(secs => ${input.graceSeconds})` })
      .where(
        and(
          eq(apiKeys.id, input.keyId),
          eq(apiKeys.brandId, input.brandId),
          sql`${apiKeys.revokedAt} is null`,
          sql`(${apiKeys.expiresAt} is null or ${apiKeys.expiresAt} > now())`,
        ),
      )
      .returning();
    if (!old) {
      const [existing] = await tx
        .select({ id: apiKeys.id })
        .from(apiKeys)
        .where(and(eq(apiKeys.id, input.keyId), eq(apiKeys.brandId, input.brandId)));
      if (!existing) throw new AppError("not_found", "No such API key in this brand", { path: "keyId" });
      throw new AppError(
        "conflict",
        "Only an active key can be rotated (this one is revoked, expired or already rotating)",
      );
    }
    const [created] = await tx
      .insert(apiKeys)
      .values({
        brandId: old.brandId,
        name: old.name,
        prefix: material.prefix,
        hash: material.hash,
        scopes: old.scopes,
        chatEnabled: old.chatEnabled,
        defaultChannel: old.defaultChannel,
        rateLimitPerMinute: old.rateLimitPerMinute,
        monthlyGenerationQuota: old.monthlyGenerationQuota,
        expiresAt: old.expiresAt,
        rotatedFromId: old.id,
        lineageId: old.lineageId,
        createdBy: principal.user.id,
      })
      .returning();
    await appendAudit(tx, {
      brandId: input.brandId,
      actor: principal,
      action: "api_key.rotated",
      target: { type: "api_key", id: old.id },
      data: {
        oldPrefix: old.prefix,
        newKeyId: created!.id,
        newPrefix: material.prefix,
        graceSeconds: input.graceSeconds,
        oldKeyStopsAt: old.revokedAt,
      },
    });
    return { key: apiKeyView(created!), plaintext: material.plaintext, previous: apiKeyView(old) };
  });
}
