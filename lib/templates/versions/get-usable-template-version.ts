import { and, eq } from "drizzle-orm";
import { templateApprovals, templates, templateVersions } from "@/db/schema";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { templateDefinitionSchema } from "@/lib/templates/definition";

/**
 * The one way content gets a template: a version of this brand that has been approved.
 * The UI, the API and the pipeline all come through here, so none can use a draft.
 */
export async function getUsableTemplateVersion(brandId: string, versionId: string) {
  const [row] = await db()
    .select({ version: templateVersions, template: templates, approvedAt: templateApprovals.approvedAt })
    .from(templateVersions)
    .innerJoin(templates, eq(templates.id, templateVersions.templateId))
    .leftJoin(templateApprovals, eq(templateApprovals.templateVersionId, templateVersions.id))
    .where(and(eq(templateVersions.id, versionId), eq(templates.brandId, brandId)));
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
    definition: templateDefinitionSchema.parse(row.version.definition),
  };
}
