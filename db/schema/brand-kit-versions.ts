import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { brands } from "./brands";
import { users } from "./users";
import type { BrandKit } from "./json/brand-kit";

/**
 * Immutable versions of a brand's kit. Saving inserts the next version; nothing updates a
 * row. `content` is validated by `brandKitSchema` (lib/brand/kit.ts) before it is stored.
 */
export const brandKitVersions = pgTable(
  "brand_kit_versions",
  {
    id: id(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    /** 1, 2, 3… per brand; the unique key makes two concurrent saves of one base collide. */
    version: integer().notNull(),
    content: jsonb().$type<BrandKit>().notNull(),
    /** What the author said changed. */
    note: text().notNull().default(""),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("brand_kit_versions_brand_version_key").on(t.brandId, t.version),
    index("brand_kit_versions_brand_idx").on(t.brandId),
  ],
);

export type BrandKitVersionRow = typeof brandKitVersions.$inferSelect;
