import { integer, jsonb, pgTable, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { brands } from "./brands";
import { templateVersions } from "./template-versions";
import { users } from "./users";
import type { Brief } from "./json/brief";

/** A CSV of audience rows turned into one generation per row (generations.batch_id). */
export const generationBatches = pgTable("generation_batches", {
  id: id(),
  brandId: uuid()
    .notNull()
    .references(() => brands.id, { onDelete: "cascade" }),
  createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
  templateVersionId: uuid()
    .notNull()
    .references(() => templateVersions.id),
  brief: jsonb().$type<Brief>().notNull(),
  totalRows: integer().notNull(),
  createdAt: createdAt(),
});
