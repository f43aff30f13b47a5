import { index, integer, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { contentItems } from "./content-items";
import { users } from "./users";

export const reviewActionEnum = pgEnum("review_action", [
  "submitted",
  "claimed",
  "released",
  "approved",
  "stage_passed",
  "published",
  "rejected",
  "changes_requested",
  "edited",
  "retired",
]);

/** The item's review history as people read it; the audit log is the tamper-evident copy. */
export const reviewDecisions = pgTable(
  "review_decisions",
  {
    id: id(),
    contentItemId: uuid()
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    revisionId: uuid(),
    stageIndex: integer(),
    action: reviewActionEnum().notNull(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    /** The reason for a rejection or retirement, or the requested changes. */
    comment: text(),
    createdAt: createdAt(),
  },
  (t) => [index("review_decisions_item_idx").on(t.contentItemId, t.createdAt)],
);

export type ReviewDecisionRow = typeof reviewDecisions.$inferSelect;
