import { asc, desc, eq } from "drizzle-orm";
import { templateApprovals, templates, templateVersions, users } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";

/** Every template of the brand with its versions, newest first, and who approved each. */
export async function listTemplates(principal: Principal | null, brandId: string) {
  authorize(principal, "templates:view", brandId);
  const rows = await db()
    .select({
      template: templates,
      versionId: templateVersions.id,
      version: templateVersions.version,
      note: templateVersions.note,
      definition: templateVersions.definition,
      createdAt: templateVersions.createdAt,
      approvedAt: templateApprovals.approvedAt,
      approverRole: templateApprovals.approverRole,
      approver: users.name,
    })
    .from(templates)
    .innerJoin(templateVersions, eq(templateVersions.templateId, templates.id))
    .leftJoin(templateApprovals, eq(templateApprovals.templateVersionId, templateVersions.id))
    .leftJoin(users, eq(users.id, templateApprovals.approvedBy))
    .where(eq(templates.brandId, brandId))
    .orderBy(asc(templates.name), desc(templateVersions.version));
  const byTemplate = new Map<
    string,
    { template: (typeof rows)[number]["template"]; versions: Omit<(typeof rows)[number], "template">[] }
  >();
  for (const { template, ...version } of rows) {
    const entry = byTemplate.get(template.id) ?? { template, versions: [] };
    entry.versions.push(version);
    byTemplate.set(template.id, entry);
  }
  return [...byTemplate.values()];
}
