import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { apiKeys } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { authorize } from "@/lib/auth/authorize";
import type { ActorRecord, Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { apiKeyView, type ApiKeyView } from "./api-key-view";

export const revokeApiKeyInput = z.object({ brandId: z.string().uuid(), keyId: z.string().uuid() });

/**
 * Stops a key now, including one still in a rotation grace period. Keys are looked up per
 * request (no cache), so the next request with it is refused on every instance.
 */
export async function revokeApiKey(
  principal: Principal | null,
  raw: z.input<typeof revokeApiKeyInput>,
): Promise<ApiKeyView> {
  const input = parseOrThrow(revokeApiKeyInput, raw);
  authorize(principal, "api-keys:manage", input.brandId);
  return stopApiKey(input, principal!);
}

/** Revokes a key already authorized by its caller (a person or a `keys:write` key). */
export async function stopApiKey(
  input: z.output<typeof revokeApiKeyInput>,
  actor: Principal | ActorRecord,
): Promise<ApiKeyView> {
  return db().transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(apiKeys.id, input.keyId),
          eq(apiKeys.brandId, input.brandId),
          sql`(${apiKeys.revokedAt} is null or ${apiKeys.revokedAt} > now())`,
        ),
      )
      .returning();
    if (!row) {
      const [existing] = await tx
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.id, input.keyId), eq(apiKeys.brandId, input.brandId)));
      if (!existing) throw new AppError("not_found", "No such API key in this brand", { path: "keyId" });
      return apiKeyView(existing); // already revoked: revoking again changes nothing
    }
    await appendAudit(tx, {
      brandId: input.brandId,
      actor,
      action: "api_key.revoked",
      target: { type: "api_key", id: row.id },
      data: { prefix: row.prefix },
    });
    return apiKeyView(row);
  });
}
