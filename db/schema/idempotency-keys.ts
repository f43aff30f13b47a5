import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";

/**
 * Stripe-style idempotency for POSTs on the governed API. The unique (owner, key) row is
 * claimed before the handler runs, so of N concurrent requests exactly one executes.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    id: id(),
    /** Whose key space: `key:<api key id>` or `user:<user id>` for a browser session. */
    owner: text().notNull(),
    key: text().notNull(),
    /** Hex SHA-256 of method, path and body: the same key with another request is refused. */
    requestHash: text().notNull(),
    state: text().$type<"in_progress" | "completed">().notNull(),
    responseStatus: integer(),
    responseHeaders: jsonb().$type<Record<string, string>>(),
    responseBody: text(),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("idempotency_keys_owner_key_idx").on(t.owner, t.key),
    index("idempotency_keys_expires_idx").on(t.expiresAt),
  ],
);
