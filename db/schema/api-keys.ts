import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, timestamps } from "./_columns";
import { brands } from "./brands";
import { users } from "./users";

/** What a key may do on the governed API; a route names the one it needs. */
export const API_KEY_SCOPES = [
  "generate",
  "content:read",
  "events:write",
  "checks",
  "webhooks",
  /** Registering models and versions, moving labels, rolling back (CI pipelines). */
  "models:write",
  /** Create, list and revoke the brand's keys over the API, never with scopes the key lacks itself. */
  "keys:write",
  /** Reading cost totals and budgets (GET /api/v1/usage, /api/v1/budgets). */
  "usage:read",
  /** Setting and removing monthly budgets over the API. */
  "budgets:write",
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * Keys for downstream apps. The plaintext is shown once at creation and never stored:
 * requests are matched by the SHA-256 of the presented key.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** The visible start of the key (`bg_` + 8 characters), so people can tell keys apart. */
    prefix: text().notNull(),
    /** Hex SHA-256 of the whole key. The key is 32 random bytes, so no salt or slow hash is needed. */
    hash: text().notNull(),
    scopes: text().array().$type<ApiKeyScope[]>().notNull(),
    /** May call /api/v1/chat/completions (in addition to the `generate` scope). */
    chatEnabled: boolean().notNull().default(false),
    /**
     * The channel the chat lane checks this key's answers for when a call names none
     * (`x-brandgate-channel` overrides it). Null: every chat call must name its channel.
     */
    defaultChannel: text(),
    rateLimitPerMinute: integer().notNull(),
    /** Generations per calendar month (UTC). */
    monthlyGenerationQuota: integer().notNull(),
    expiresAt: timestamp({ withTimezone: true }),
    /** Written at most once a minute per key, not per request. */
    lastUsedAt: timestamp({ withTimezone: true }),
    /** When the key stops working; in the future while a rotated key is in its grace period. */
    revokedAt: timestamp({ withTimezone: true }),
    /** The key this one replaced by rotation. */
    rotatedFromId: uuid(),
    /**
     * The first key of its rotation chain (its own id for a new key). Rate windows and the
     * monthly quota are counted per lineage, so rotating a key neither resets its quota nor
     * doubles its rate limit while the old key is in its grace period.
     */
    lineageId: uuid().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("api_keys_hash_idx").on(t.hash),
    index("api_keys_brand_idx").on(t.brandId, t.createdAt),
  ],
);

export type ApiKeyRow = typeof apiKeys.$inferSelect;
