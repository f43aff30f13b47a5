import { index, integer, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { webhookEvents } from "./webhook-events";
import { webhookSubscriptions } from "./webhook-subscriptions";

export const webhookDeliveryStatusEnum = pgEnum("webhook_delivery_status", ["pending", "delivered", "dead"]);

/**
 * The outbox: one row per (event, subscription), written in the emitter's transaction.
 * A worker claims a due row by pushing `next_attempt_at` past a lease (compare-and-set), so a
 * worker that dies mid-attempt leaves the row due again once the lease runs out.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    eventId: uuid()
      .notNull()
      .references(() => webhookEvents.id, { onDelete: "cascade" }),
    subscriptionId: uuid()
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: "cascade" }),
    status: webhookDeliveryStatusEnum().notNull().default("pending"),
    /** Attempts made so far (each one finished: answered, failed or timed out). */
    attempts: integer().notNull().default(0),
    /** When a pending delivery is next due; while an attempt runs, the end of its lease. */
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    lastStatusCode: integer(),
    /** The last failure, truncated (lib/webhooks/attempt-delivery.ts). */
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("webhook_deliveries_event_subscription_key").on(t.eventId, t.subscriptionId),
    index("webhook_deliveries_status_next_attempt_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_subscription_created_idx").on(t.subscriptionId, t.createdAt),
  ],
);

export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatusEnum.enumValues)[number];
