import { index, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
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
    ...timestamps(),
  },
  (t) => [index("content_items_brand_status_idx").on(t.brandId, t.status, t.updatedAt)],
);

export type ContentItemRow = typeof contentItems.$inferSelect;
