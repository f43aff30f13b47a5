import { type AnyPgColumn, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { contentItems } from "./content-items";
import { contentRevisions } from "./content-revisions";
import { users } from "./users";

/** Threaded discussion on one revision; a reply points at its parent. */
export const reviewComments = pgTable(
  "review_comments",
  {
    id: id(),
    contentItemId: uuid()
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    revisionId: uuid()
      .notNull()
      .references(() => contentRevisions.id, { onDelete: "cascade" }),
    parentId: uuid().references((): AnyPgColumn => reviewComments.id, { onDelete: "cascade" }),
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("review_comments_revision_idx").on(t.revisionId, t.createdAt)],
);

export type ReviewCommentRow = typeof reviewComments.$inferSelect;
