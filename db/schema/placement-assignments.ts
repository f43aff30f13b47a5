import { pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { contentItems } from "./content-items";
import { placements } from "./placements";

/** How a unit's variant was first chosen. */
export const placementMethodEnum = pgEnum("placement_method", ["model", "thompson", "hash"]);

/**
 * Which variant each unit sees in a placement, so a unit keeps seeing the same one across
 * requests, processes and restarts. Re-chosen only when that variant stops being servable
 * (no longer approved, or detached).
 */
export const placementAssignments = pgTable(
  "placement_assignments",
  {
    placementId: uuid()
      .notNull()
      .references(() => placements.id, { onDelete: "cascade" }),
    unitKey: text().notNull(),
    contentItemId: uuid()
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    method: placementMethodEnum().notNull(),
    /** The personalisation model version that chose, for method `model`. */
    modelVersionId: uuid(),
    assignedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.placementId, t.unitKey] })],
);

export type PlacementMethod = (typeof placementMethodEnum.enumValues)[number];
