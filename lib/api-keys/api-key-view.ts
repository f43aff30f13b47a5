import type { ApiKeyRow, ApiKeyScope } from "@/db/schema";

export type ApiKeyStatus = "active" | "rotating" | "revoked" | "expired";

/** A key as admins see it: never the hash, never the plaintext. */
export interface ApiKeyView {
  id: string;
  brandId: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  chatEnabled: boolean;
  defaultChannel: string | null;
  rateLimitPerMinute: number;
  monthlyGenerationQuota: number;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  rotatedFromId: string | null;
  createdAt: Date;
  status: ApiKeyStatus;
}

export function apiKeyView(row: ApiKeyRow, now = new Date()): ApiKeyView {
  const status: ApiKeyStatus =
    row.revokedAt && row.revokedAt <= now
      ? "revoked"
      : row.expiresAt && row.expiresAt <= now
        ? "expired"
        : row.revokedAt
          ? "rotating"
          : "active";
  return {
    id: row.id,
    brandId: row.brandId,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    chatEnabled: row.chatEnabled,
    defaultChannel: row.defaultChannel,
    rateLimitPerMinute: row.rateLimitPerMinute,
    monthlyGenerationQuota: row.monthlyGenerationQuota,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    rotatedFromId: row.rotatedFromId,
    createdAt: row.createdAt,
    status,
  };
}
