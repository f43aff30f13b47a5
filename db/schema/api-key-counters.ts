import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./_columns";
import { apiKeys } from "./api-keys";

/**
 * Per-key-lineage counters shared by every web instance: `rate` rows count requests in one minute,
 * `generations` rows count generations in one UTC month. Instances claim blocks of a window
 * with one `INSERT … ON CONFLICT DO UPDATE … RETURNING` each (lib/api-keys/leased-counter.ts),
 * so concurrent claims never lose counts and `count` never passes the limit.
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
    /**
     * What the last claim was granted (≤ the block it asked for): computed in the same UPDATE
     * from the count before it, which RETURNING cannot show.
     */
    granted: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("api_key_counters_window_idx").on(t.lineageId, t.bucket, t.windowStart),
    index("api_key_counters_prune_idx")
      .on(t.windowStart)
      .where(sql`${t.bucket} = 'rate'`),
  ],
);
