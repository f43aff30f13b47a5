import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { bytea } from "./_bytea";
import { createdAt } from "./_columns";

/** Asset bytes when ASSET_STORAGE=postgres (the default): one row per storage key. */
export const blobs = pgTable("blobs", {
  key: text().primaryKey(),
  bytes: bytea().notNull(),
  sizeBytes: integer().notNull(),
  createdAt: createdAt(),
});
