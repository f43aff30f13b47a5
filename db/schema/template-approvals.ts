import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { templateVersions } from "./template-versions";
import { users } from "./users";

/**
 * The approval that lets a template version be used for content. One row per version (the
 * primary key): approving twice is a no-op, and there is no way to un-approve in place.
 */
export const templateApprovals = pgTable("template_approvals", {
  templateVersionId: uuid()
    .primaryKey()
    .references(() => templateVersions.id, { onDelete: "cascade" }),
  approvedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  /** The approver's role in the brand when they approved: admin or reviewer. */
  approverRole: text().notNull(),
  approvedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
