import { eq, sql } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import type { ApiKeyPrincipal } from "@/lib/auth/principal";
import { db, preparedQuery } from "@/lib/db";
import { logger } from "@/lib/log";
import { hashKey, KEY_PREFIX } from "./key-material";

/** lastUsedAt is a hint for admins, not an audit trail: one write a minute per key is plenty. */
const LAST_USED_RESOLUTION_MS = 60_000;

const byHash = preparedQuery((database) =>
  database
    .select({
      keyId: apiKeys.id,
      lineageId: apiKeys.lineageId,
      brandId: apiKeys.brandId,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      chatEnabled: apiKeys.chatEnabled,
      defaultChannel: apiKeys.defaultChannel,
      rateLimitPerMinute: apiKeys.rateLimitPerMinute,
      monthlyGenerationQuota: apiKeys.monthlyGenerationQuota,
      lastUsedAt: apiKeys.lastUsedAt,
      brandStateVersion: sql<number>`coalesce((select v.version from brand_state_versions v
        where v.brand_id = "api_keys"."brand_id"), 0)`.mapWith(Number),
      live: sql<boolean>`(${apiKeys.revokedAt} is null or ${apiKeys.revokedAt} > now())
        and (${apiKeys.expiresAt} is null or ${apiKeys.expiresAt} > now())`,
    })
    .from(apiKeys)
    .where(eq(apiKeys.hash, sql.placeholder("hash")))
    .prepare("authenticate_key"),
);

/**
 * The principal for a presented key, or null when it is unknown, revoked (including a
 * rotated key past its grace period) or expired. Validity is decided by the database clock,
 * so every instance agrees on the moment a key stops. No cache: a revocation applies to the
 * very next request, on every instance.
 */
export async function authenticateKey(plaintext: string): Promise<ApiKeyPrincipal | null> {
  if (!plaintext.startsWith(KEY_PREFIX) || plaintext.length > 200) return null;
  const [row] = await byHash().execute({ hash: hashKey(plaintext) });
  if (!row || !row.live) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Fire and forget; the guard in SQL keeps concurrent requests from all writing.
    void db()
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()`, updatedAt: sql`${apiKeys.updatedAt}` })
      .where(
        sql`${apiKeys.id} = ${row.keyId} and (${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < now() - interval '1 minute')`,
      )
      .catch((err: unknown) => logger().warn({ err, keyId: row.keyId }, "could not record API key use"));
  }
  const { lastUsedAt: _lastUsed, live: _live, ...key } = row;
  return { kind: "api-key", ...key };
}
