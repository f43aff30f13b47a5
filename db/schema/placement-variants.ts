import { pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./_columns";
import { contentItems } from "./content-items";
import { placements } from "./placements";
import { users } from "./users";

/**
 * The content items attached to a placement. Attachment does not make content servable:
 * the API serves a variant only while its item is approved, checked at every request.
 */
export const placementVariants = pgTable(
  "placement_variants",
  {
    placementId: uuid()
      .notNull()
      .references(() => placements.id, { onDelete: "cascade" }),
    contentItemId: uuid()
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    attachedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    attachedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.placementId, t.contentItemId] })],
);
