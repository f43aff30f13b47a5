import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./_columns";
import { brands } from "./brands";
import { users } from "./users";

export const roleEnum = pgEnum("role", ["marketer", "reviewer", "admin"]);

/** A user's role in one brand. A user may hold different roles in different brands. */
export const memberships = pgTable(
  "memberships",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    role: roleEnum().notNull(),
    /** Named reviewer groups within the brand (e.g. "brand", "legal"), used by workflow stages. */
    groups: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.brandId] }), index("memberships_brand_idx").on(t.brandId)],
);

export type Membership = typeof memberships.$inferSelect;
export type Role = (typeof roleEnum.enumValues)[number];
