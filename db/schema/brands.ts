import { text, uniqueIndex, pgTable } from "drizzle-orm/pg-core";
import { id, timestamps } from "./_columns";

/** A brand is a workspace: kits, assets, templates, content and keys all belong to one. */
export const brands = pgTable(
  "brands",
  {
    id: id(),
    /** URL-safe, unique, chosen at creation and never reused. */
    slug: text().notNull(),
    name: text().notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex("brands_slug_key").on(t.slug)],
);

export type Brand = typeof brands.$inferSelect;
