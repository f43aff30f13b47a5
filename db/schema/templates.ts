import { index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { timestamps, id } from "./_columns";
import { brands } from "./brands";

/** A brand's template for one channel; its content lives in immutable versions. */
export const templates = pgTable(
  "templates",
  {
    id: id(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    /** Stable identifier within the brand, e.g. `email-newsletter`. */
    key: text().notNull(),
    channel: text().notNull(),
    name: text().notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("templates_brand_key").on(t.brandId, t.key),
    index("templates_brand_idx").on(t.brandId),
  ],
);
