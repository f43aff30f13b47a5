import {
  bigserial,
  doublePrecision,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { brands } from "./brands";
import type { Variant } from "./json/feature-schema";

export const eventKindEnum = pgEnum("event_kind", ["exposure", "click", "conversion"]);

/**
 * Feedback from downstream apps: an exposure of a piece of content to a unit (customer,
 * user), and the clicks and conversions that follow. Personalisation models train on these;
 * rollout metrics are rolled up from them.
 */
export const events = pgTable(
  "events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    kind: eventKindEnum().notNull(),
    unitKey: text().notNull(),
    /** The content item exposed or acted on; outcomes join to exposures on (unit, content). */
    contentId: uuid(),
    /** The client's id for the event: a replay with the same id is not counted twice. */
    externalId: text(),
    /** Audience context at exposure time, as the personalisation feature schema reads it. */
    audience: jsonb().$type<Record<string, unknown>>(),
    /** Variant features of the content exposed (tone, length, offer, call to action). */
    variant: jsonb().$type<Variant>(),
    /** Value of a conversion, in the brand's currency. */
    value: doublePrecision().notNull().default(0),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("events_brand_external_key").on(t.brandId, t.externalId),
    index("events_brand_kind_time_idx").on(t.brandId, t.kind, t.occurredAt),
    index("events_unit_content_idx").on(t.brandId, t.unitKey, t.contentId),
  ],
);
