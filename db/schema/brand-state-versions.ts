import { bigint, pgTable, uuid } from "drizzle-orm/pg-core";
import { brands } from "./brands";

/**
 * A counter per brand that triggers bump whenever the configuration the hot paths read
 * changes: the published kit, chat settings, models, their labels and routing policies
 * (migration 0013). API-key authentication reads it with the key, so a web instance can keep
 * that configuration in memory and know, on every request, whether its copy is current —
 * no time-to-live, no pub/sub window: a change committed before the request began is seen.
 */
export const brandStateVersions = pgTable("brand_state_versions", {
  brandId: uuid()
    .primaryKey()
    .references(() => brands.id, { onDelete: "cascade" }),
  version: bigint({ mode: "number" }).notNull().default(0),
});
