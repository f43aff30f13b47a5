import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { brands } from "./brands";
import { users } from "./users";
import type { WorkflowStage } from "./json/workflow-stages";

/**
 * One immutable version of a brand's review workflow, for one channel or for all ("*").
 * Saving a definition adds a version; items in review keep the version they entered with.
 */
export const workflowDefinitions = pgTable(
  "workflow_definitions",
  {
    id: id(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    /** A channel name, or "*" for the brand's default workflow. */
    channel: text().notNull(),
    version: integer().notNull(),
    /** The ordered stages, as `workflowStagesSchema` in lib/review/workflow.ts. */
    stages: jsonb().$type<WorkflowStage[]>().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("workflow_definitions_brand_channel_version_key").on(t.brandId, t.channel, t.version),
    index("workflow_definitions_brand_idx").on(t.brandId),
  ],
);

export type WorkflowDefinitionRow = typeof workflowDefinitions.$inferSelect;
