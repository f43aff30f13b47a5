import { integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { models } from "./models";

export const routeModeEnum = pgEnum("route_mode", ["stable", "split", "shadow"]);

/**
 * How a model's traffic is routed between its `stable` and `candidate` labels. Rollouts write
 * it; with no row a model serves stable only. Assignment is by hashing the unit key with
 * `salt` (lib/stats/assign.ts), so a unit stays on its version while the weight holds.
 */
export const modelRoutes = pgTable("model_routes", {
  modelId: uuid()
    .primaryKey()
    .references(() => models.id, { onDelete: "cascade" }),
  mode: routeModeEnum().notNull().default("stable"),
  /** Percent of units sent to the candidate in `split` mode (0–100). */
  candidateWeight: integer().notNull().default(0),
  /** Changing the salt reshuffles every unit; a rollout sets it once, to its own id. */
  salt: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
