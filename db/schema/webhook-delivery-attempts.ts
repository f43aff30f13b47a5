import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { id } from "./_columns";
import { webhookDeliveries } from "./webhook-deliveries";

/** One row per HTTP attempt of a delivery, kept for the admin's "why did this fail" view. */
export const webhookDeliveryAttempts = pgTable(
  "webhook_delivery_attempts",
  {
    id: id(),
    deliveryId: uuid()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    durationMs: integer().notNull(),
    /** Null when no response arrived (refused target, connection error, timeout). */
    statusCode: integer(),
    /** Truncated; null on success. */
    error: text(),
  },
  (t) => [index("webhook_delivery_attempts_delivery_idx").on(t.deliveryId, t.startedAt)],
);

export type WebhookDeliveryAttempt = typeof webhookDeliveryAttempts.$inferSelect;
