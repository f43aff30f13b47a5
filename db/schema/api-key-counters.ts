import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./_columns";
import { apiKeys } from "./api-keys";

/**
 * Per-key-lineage counters shared by every web instance: `rate` rows count requests in one minute,
 * `generations` rows count generations in one UTC month. Updated with one
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` each, so concurrent requests never lose counts.
 */
export const apiKeyCounters = pgTable(
  "api_key_counters",
  {
    /** The key lineage (`api_keys.lineage_id`, the first key of a rotation chain). */
    lineageId: uuid()
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    bucket: text().$type<"rate" | "generations">().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    count: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("api_key_counters_window_idx").on(t.lineageId, t.bucket, t.windowStart),
    index("api_key_counters_prune_idx")
      .on(t.windowStart)
      .where(sql`${t.bucket} = 'rate'`),
  ],
);
