import { and, desc, eq } from "drizzle-orm";
import { templateApprovals, templates, templateVersions } from "@/db/schema";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * The newest approved version of a brand's template, named by its slug (the template's
 * `key`, e.g. `social-post`): what `POST /generations` uses when given a template slug.
 */
export async function getLatestApprovedVersion(brandId: string, slug: string): Promise<string> {
  const [row] = await db()
    .select({ versionId: templateVersions.id })
    .from(templates)
    .innerJoin(templateVersions, eq(templateVersions.templateId, templates.id))
    .innerJoin(templateApprovals, eq(templateApprovals.templateVersionId, templateVersions.id))
    .where(and(eq(templates.brandId, brandId), eq(templates.key, slug)))
    .orderBy(desc(templateVersions.version))
    .limit(1);
  if (row) return row.versionId;
  const [exists] = await db()
    .select({ id: templates.id })
    .from(templates)
    .where(and(eq(templates.brandId, brandId), eq(templates.key, slug)));
  if (!exists) throw new AppError("not_found", `No template "${slug}" in this brand`, { path: "template" });
  throw new AppError("conflict", `Template "${slug}" has no approved version yet`, { path: "template" });
}
