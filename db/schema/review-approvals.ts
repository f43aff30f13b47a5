import { index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { contentItems } from "./content-items";
import { contentRevisions } from "./content-revisions";
import { users } from "./users";

/**
 * One reviewer's approval of one revision at one stage, bound to the revision's content
 * hash. An edit makes a new revision, so earlier approvals stop counting by construction.
 */
export const reviewApprovals = pgTable(
  "review_approvals",
  {
    id: id(),
    contentItemId: uuid()
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    revisionId: uuid()
      .notNull()
      .references(() => contentRevisions.id, { onDelete: "cascade" }),
    stageIndex: integer().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    /** The revision's content hash at the time of approval. */
    contentHash: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // Separation of duties in the database: one approval per person per revision, whatever the stage.
    uniqueIndex("review_approvals_revision_user_key").on(t.revisionId, t.userId),
    index("review_approvals_revision_stage_idx").on(t.revisionId, t.stageIndex),
  ],
);

export type ReviewApprovalRow = typeof reviewApprovals.$inferSelect;
