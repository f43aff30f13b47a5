import { pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, timestamps } from "./_columns";
import { brands } from "./brands";
import { users } from "./users";

/**
 * A named slot in a downstream app (`home-hero`, `checkout-banner`) that the content API
 * fills with one of the approved content items attached to it, chosen per unit.
 */
export const placements = pgTable(
  "placements",
  {
    id: id(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    /** What the downstream app asks for: lower-case letters, digits and dashes, unique per brand. */
    key: text().notNull(),
    description: text().notNull().default(""),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [uniqueIndex("placements_brand_key_key").on(t.brandId, t.key)],
);

export type PlacementRow = typeof placements.$inferSelect;
