import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { brands } from "./brands";
import { contentItems } from "./content-items";
import { users } from "./users";

export const notificationKindEnum = pgEnum("notification_kind", [
  /** An item entered a review stage the user may act at. */
  "review_waiting",
  /** An item at the user's stage is close to its SLA. */
  "review_sla_due",
  /** A reviewer decided on the user's item (approved, changes requested, rejected). */
  "review_decision",
]);

/** One message to one user, shown in the app and, when SMTP is configured, emailed. */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    kind: notificationKindEnum().notNull(),
    contentItemId: uuid().references(() => contentItems.id, { onDelete: "cascade" }),
    /** One line, also the email's subject. */
    title: text().notNull(),
    body: text().notNull(),
    /**
     * Makes a notification that may be raised twice (an SLA sweep run twice) land once:
     * unique per user. Null for events that happen once by construction (a decision).
     */
    dedupeKey: text(),
    readAt: timestamp({ withTimezone: true }),
    /** Set once the email went out; stays null while SMTP is not configured. */
    emailedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    index("notifications_user_unread_idx")
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
    uniqueIndex("notifications_user_dedupe_key").on(t.userId, t.dedupeKey),
  ],
);

export type NotificationRow = typeof notifications.$inferSelect;
export type NotificationKind = (typeof notificationKindEnum.enumValues)[number];
