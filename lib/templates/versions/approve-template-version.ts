import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { templateApprovals, templates, templateVersions } from "@/db/schema";
import { authorize, membershipOf } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { appendAudit } from "@/lib/audit/append-audit";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";

export const approveTemplateVersionInput = z.object({
  brandId: z.string().uuid(),
  versionId: z.string().uuid(),
});

/**
 * Approves a template version for use, by an admin or a reviewer of the brand. Four eyes:
 * the author of a version cannot approve it. The approval is recorded once per version.
 */
export async function approveTemplateVersion(
  principal: Principal | null,
  raw: z.input<typeof approveTemplateVersionInput>,
) {
  const { brandId, versionId } = parseOrThrow(approveTemplateVersionInput, raw);
  authorize(principal, "templates:approve", brandId);
  const membership = membershipOf(principal, brandId);
  const [version] = await db()
    .select({ id: templateVersions.id, createdBy: templateVersions.createdBy })
    .from(templateVersions)
    .innerJoin(templates, eq(templates.id, templateVersions.templateId))
    .where(and(eq(templateVersions.id, versionId), eq(templates.brandId, brandId)));
  if (!version)
    throw new AppError("not_found", "No such template version in this brand", { path: "versionId" });
  if (version.createdBy === principal.user.id) {
    throw new AppError("forbidden", "The author of a template version cannot approve it", {
      path: "versionId",
    });
  }
  const row = await db().transaction(async (tx) => {
    const [inserted] = await tx
      .insert(templateApprovals)
      .values({ templateVersionId: versionId, approvedBy: principal.user.id, approverRole: membership.role })
      .onConflictDoNothing()
      .returning();
    if (inserted) {
      await appendAudit(tx, {
        brandId,
        actor: principal,
        action: "template.version_approved",
        target: { type: "template_version", id: versionId },
        data: { approverRole: membership.role },
      });
    }
    return inserted;
  });
  return { approved: true, alreadyApproved: !row };
}
