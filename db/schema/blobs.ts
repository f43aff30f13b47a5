import { customType, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./_columns";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/** Asset bytes when ASSET_STORAGE=postgres (the default): one row per storage key. */
export const blobs = pgTable("blobs", {
  key: text().primaryKey(),
  bytes: bytea().notNull(),
  sizeBytes: integer().notNull(),
  createdAt: createdAt(),
});
