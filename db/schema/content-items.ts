import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { id, timestamps } from "./_columns";
import { brands } from "./brands";
import { templates } from "./templates";
import { users } from "./users";

export const contentStatusEnum = pgEnum("content_status", [
  "draft",
  "in_review",
  "changes_requested",
  "approved",
  "rejected",
  /** Was approved and published, then taken off the content API by an admin. */
  "retired",
]);

/** A piece of content; what it says is in its revisions, the newest being current. */
export const contentItems = pgTable(
  "content_items",
  {
    id: id(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    templateId: uuid()
      .notNull()
      .references(() => templates.id),
    channel: text().notNull(),
    title: text().notNull(),
    status: contentStatusEnum().notNull().default("draft"),
    currentRevisionId: uuid(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    /** The workflow version pinned when the item first entered review. */
    workflowDefinitionId: uuid(),
    /** Index into the pinned workflow's stages while in review. */
    stageIndex: integer().notNull().default(0),
    stageEnteredAt: timestamp({ withTimezone: true }),
    submittedAt: timestamp({ withTimezone: true }),
    /** A reviewer's claim; it lapses at `claimExpiresAt`, so an abandoned claim frees itself. */
    claimedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    claimExpiresAt: timestamp({ withTimezone: true }),
    /** Set when the last stage approves: from then on the content API may serve it. */
    publishedAt: timestamp({ withTimezone: true }),
    retiredAt: timestamp({ withTimezone: true }),
    /** Why it was rejected or retired. */
    statusReason: text(),
    ...timestamps(),
  },
  (t) => [
    index("content_items_brand_status_idx").on(t.brandId, t.status, t.updatedAt),
    index("content_items_review_idx").on(t.status, t.stageEnteredAt),
  ],
);

export type ContentItemRow = typeof contentItems.$inferSelect;
