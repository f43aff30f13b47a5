import { foreignKey, pgEnum, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { modelVersions } from "./model-versions";
import { models } from "./models";

export const modelLabelEnum = pgEnum("model_label", ["stable", "candidate"]);

/**
 * Where each label of a model points now. Written only by `moveLabel` (lib/models/registry),
 * which records every move in model_label_moves in the same transaction.
 */
export const modelLabels = pgTable(
  "model_labels",
  {
    modelId: uuid()
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    label: modelLabelEnum().notNull(),
    versionId: uuid().notNull(),
    movedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.modelId, t.label] }),
    foreignKey({
      name: "model_labels_version_in_model_fk",
      columns: [t.versionId, t.modelId],
      foreignColumns: [modelVersions.id, modelVersions.modelId],
    }),
  ],
);

export type ModelLabel = (typeof modelLabelEnum.enumValues)[number];
