import { boolean, index, integer, jsonb, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { brandKitVersions } from "./brand-kit-versions";
import { brands } from "./brands";
import type { CheckResult } from "./json/check-result";

export const checkSubjectEnum = pgEnum("check_subject", ["asset", "text", "content"]);

/** One run of the governance checks, bound to the kit version it was checked against. */
export const checkRuns = pgTable(
  "check_runs",
  {
    id: id(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    subjectType: checkSubjectEnum().notNull(),
    /** The asset or content revision checked; null for ad-hoc text from the API. */
    subjectId: uuid(),
    kitVersionId: uuid()
      .notNull()
      .references(() => brandKitVersions.id),
    /** `input` for briefs and assets, `output` for generated content. */
    phase: text().notNull(),
    score: integer().notNull(),
    blocked: boolean().notNull(),
    legalReview: boolean().notNull(),
    /** The per-check breakdown exactly as the checks returned it. */
    results: jsonb().$type<CheckResult[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("check_runs_subject_idx").on(t.subjectType, t.subjectId, t.createdAt)],
);

export type CheckRunRow = typeof checkRuns.$inferSelect;
