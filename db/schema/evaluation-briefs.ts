import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { brands } from "./brands";
import { users } from "./users";

/**
 * Briefs a brand adds to its evaluation set, next to the golden briefs shipped in the repo.
 * Rows are added and deleted, never edited: the set's hash changes with its content, and every
 * evaluation records the hash it ran on.
 */
export const evaluationBriefs = pgTable(
  "evaluation_briefs",
  {
    id: id(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    /** A starter template key (templates/<key>), which fixes the channel and the slots. */
    template: text().notNull(),
    summary: text().notNull(),
    /** Optional audience description passed to the prompt as the pipeline does. */
    audience: jsonb().$type<{ segment: string }>(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("evaluation_briefs_brand_idx").on(t.brandId, t.createdAt)],
);

export type EvaluationBrief = typeof evaluationBriefs.$inferSelect;
