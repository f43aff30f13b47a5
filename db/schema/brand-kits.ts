import { pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { brandKitVersions } from "./brand-kit-versions";
import { brands } from "./brands";
import { users } from "./users";

/** Which kit version a brand has published: the one every check runs against. */
export const brandKits = pgTable("brand_kits", {
  brandId: uuid()
    .primaryKey()
    .references(() => brands.id, { onDelete: "cascade" }),
  publishedVersionId: uuid()
    .notNull()
    .references(() => brandKitVersions.id),
  publishedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
