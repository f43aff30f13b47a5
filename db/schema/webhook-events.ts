import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { brands } from "./brands";

/** One event as it is sent: the body of every delivery of it is built from this row alone. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: id(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    type: text().notNull(),
    /** The event's `data` object, as the emitter passed it. */
    payload: jsonb().notNull().$type<Record<string, unknown>>(),
    /**
     * The W3C traceparent of the change that emitted the event (null with tracing off): each
     * delivery attempt is a span in that trace and sends it on as the `traceparent` header.
     */
    traceparent: text(),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_events_brand_created_idx").on(t.brandId, t.createdAt)],
);

export type WebhookEvent = typeof webhookEvents.$inferSelect;
