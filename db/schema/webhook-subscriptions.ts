import { sql } from "drizzle-orm";
import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./_bytea";
import { id, timestamps } from "./_columns";
import { brands } from "./brands";
import { users } from "./users";

/** An endpoint a brand wants events POSTed to. */
export const webhookSubscriptions = pgTable(
  "webhook_subscriptions",
  {
    id: id(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    /** An http(s) URL; its host is checked against private ranges at creation and at every attempt. */
    url: text().notNull(),
    /** The event types (lib/webhooks/event-types.ts) this endpoint receives. */
    eventTypes: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The `whsec_…` signing secret sealed with lib/security/secret-box; shown once at creation. */
    secretCiphertext: bytea().notNull(),
    /**
     * The secret a rotation replaced, sealed like the current one: deliveries are signed with both
     * until `previous_secret_expires_at`, so a receiver can switch without dropping any.
     */
    previousSecretCiphertext: bytea(),
    previousSecretExpiresAt: timestamp({ withTimezone: true }),
    active: boolean().notNull().default(true),
    /** Null when created by an API key or the user was deleted; the audit log names the actor. */
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [index("webhook_subscriptions_brand_idx").on(t.brandId)],
);

export type WebhookSubscription = typeof webhookSubscriptions.$inferSelect;
