import { integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { templates } from "./templates";
import { users } from "./users";
import type { TemplateDefinition } from "./json/template-definition";

/** Immutable template versions; `definition` is a validated TemplateDefinition (lib/templates). */
export const templateVersions = pgTable(
  "template_versions",
  {
    id: id(),
    templateId: uuid()
      .notNull()
      .references(() => templates.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    definition: jsonb().$type<TemplateDefinition>().notNull(),
    /** SHA-256 of the canonical definition: the compiled-template cache key. */
    contentHash: text().notNull(),
    note: text().notNull().default(""),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("template_versions_template_version_key").on(t.templateId, t.version)],
);
