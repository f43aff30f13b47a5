import { bigserial, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { modelLabelEnum } from "./model-labels";
import { modelVersions } from "./model-versions";
import { models } from "./models";

/** Append-only history of label moves: who pointed which label where, and why. */
export const modelLabelMoves = pgTable(
  "model_label_moves",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    modelId: uuid()
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    label: modelLabelEnum().notNull(),
    /** Null when the label is set for the first time. */
    fromVersionId: uuid().references(() => modelVersions.id),
    toVersionId: uuid()
      .notNull()
      .references(() => modelVersions.id),
    reason: text().notNull(),
    /** Who moved it: `user:<id>`, `rollout:<id>` or `system:<what>`. */
    actor: text().notNull(),
    movedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("model_label_moves_model_idx").on(t.modelId, t.movedAt)],
);

export type ModelLabelMove = typeof modelLabelMoves.$inferSelect;
