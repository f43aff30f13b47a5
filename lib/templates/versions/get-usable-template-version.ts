import { and, eq, sql } from "drizzle-orm";
import { templateApprovals, templates, templateVersions } from "@/db/schema";
import { preparedQuery } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { templateDefinitionSchema, type TemplateDefinition } from "@/lib/templates/definition";

/**
 * Parsed definitions by version id. A version is never changed once stored, and parsing one
 * checks every Handlebars source it holds: done once per version and process, not once per
 * generation. The same object also lets compileTemplate find its compiled form without
 * hashing the definition again.
 */
const parsed = new Map<string, TemplateDefinition>();
const MAX_CACHED = 200;

const versionOf = preparedQuery((database) =>
  database
    .select({ version: templateVersions, template: templates, approvedAt: templateApprovals.approvedAt })
    .from(templateVersions)
    .innerJoin(templates, eq(templates.id, templateVersions.templateId))
    .leftJoin(templateApprovals, eq(templateApprovals.templateVersionId, templateVersions.id))
    .where(
      and(
        eq(templateVersions.id, sql.placeholder("versionId")),
        eq(templates.brandId, sql.placeholder("brandId")),
      ),
    )
    .prepare("usable_template_version"),
);

/**
 * The one way content gets a template: a version of this brand that has been approved.
 * The UI, the API and the pipeline all come through here, so none can use a draft.
 */
export async function getUsableTemplateVersion(brandId: string, versionId: string) {
  const [row] = await versionOf().execute({ brandId, versionId });
  if (!row)
    throw new AppError("not_found", "No such template version in this brand", { path: "templateVersionId" });
  if (!row.approvedAt) {
    throw new AppError("conflict", "This template version has not been approved for use", {
      path: "templateVersionId",
    });
  }
  return {
    template: row.template,
    versionId: row.version.id,
    version: row.version.version,
    contentHash: row.version.contentHash,
    definition: definitionOf(row.version.id, row.version.definition),
  };
}

function definitionOf(versionId: string, stored: unknown): TemplateDefinition {
  let definition = parsed.get(versionId);
  if (!definition) {
    definition = templateDefinitionSchema.parse(stored);
    if (parsed.size >= MAX_CACHED) parsed.delete(parsed.keys().next().value!);
    parsed.set(versionId, definition);
  }
  return definition;
}
