import { and, asc, eq } from "drizzle-orm";
import {
  brandKitVersions,
  contentRevisions,
  models,
  modelVersions,
  reviewApprovals,
  templates,
  templateVersions,
  users,
} from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export interface RevisionProvenance {
  contentHash: string;
  kitVersion: number;
  template: { name: string; version: number };
  /** Null for a revision written by hand. */
  model: { name: string; tag: string } | null;
  personalisation: { name: string; tag: string } | null;
  author: { name: string; email: string } | null;
  /** Approvals of this revision (of its content hash), in the order given. */
  approvals: { name: string; email: string; stageIndex: number; at: Date }[];
}

/** What one revision was made from, as names and version numbers rather than ids. */
export async function getRevisionProvenance(
  principal: Principal | null,
  brandId: string,
  revisionId: string,
): Promise<RevisionProvenance> {
  authorize(principal, "library:view", brandId);
  const [row] = await db()
    .select({
      revision: contentRevisions,
      kitVersion: brandKitVersions.version,
      templateName: templates.name,
      templateVersion: templateVersions.version,
      author: { name: users.name, email: users.email },
    })
    .from(contentRevisions)
    .innerJoin(brandKitVersions, eq(brandKitVersions.id, contentRevisions.kitVersionId))
    .innerJoin(templateVersions, eq(templateVersions.id, contentRevisions.templateVersionId))
    .innerJoin(templates, eq(templates.id, templateVersions.templateId))
    .leftJoin(users, eq(users.id, contentRevisions.createdBy))
    // The kit is the brand's own: a revision id from another brand names nothing here.
    .where(and(eq(contentRevisions.id, revisionId), eq(brandKitVersions.brandId, brandId)));
  if (!row) throw new AppError("not_found", "No such revision in this brand");
  const { revision } = row;
  const [model, personalisation, approvals] = await Promise.all([
    modelNamed(revision.modelVersionId),
    modelNamed(revision.personalisationVersionId),
    db()
      .select({
        name: users.name,
        email: users.email,
        stageIndex: reviewApprovals.stageIndex,
        at: reviewApprovals.createdAt,
      })
      .from(reviewApprovals)
      .innerJoin(users, eq(users.id, reviewApprovals.userId))
      .where(
        and(
          eq(reviewApprovals.revisionId, revision.id),
          eq(reviewApprovals.contentHash, revision.contentHash),
        ),
      )
      .orderBy(asc(reviewApprovals.createdAt)),
  ]);
  return {
    contentHash: revision.contentHash,
    kitVersion: row.kitVersion,
    template: { name: row.templateName, version: row.templateVersion },
    model,
    personalisation,
    author: row.author?.name ? row.author : null,
    approvals,
  };
}

async function modelNamed(versionId: string | null) {
  if (!versionId) return null;
  const [row] = await db()
    .select({ name: models.name, tag: modelVersions.tag })
    .from(modelVersions)
    .innerJoin(models, eq(models.id, modelVersions.modelId))
    .where(eq(modelVersions.id, versionId));
  return row ?? null;
}
