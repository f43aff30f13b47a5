import { and, desc, eq } from "drizzle-orm";
import { contentItems, contentRevisions, templates, templateVersions } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * A content item with its revisions, newest first; the first is the current one. `slots` is
 * the current revision's template's slot schema, in the template's order, for the editor.
 */
export async function getContentItem(principal: Principal | null, brandId: string, id: string) {
  authorize(principal, "library:view", brandId);
  const [row] = await db()
    .select({ item: contentItems, templateName: templates.name })
    .from(contentItems)
    .innerJoin(templates, eq(templates.id, contentItems.templateId))
    .where(and(eq(contentItems.id, id), eq(contentItems.brandId, brandId)));
  if (!row) throw new AppError("not_found", "No such content in this brand");
  const revisions = await db()
    .select()
    .from(contentRevisions)
    .where(eq(contentRevisions.contentItemId, id))
    .orderBy(desc(contentRevisions.number));
  const [version] = revisions[0]
    ? await db()
        .select({ definition: templateVersions.definition })
        .from(templateVersions)
        .where(eq(templateVersions.id, revisions[0].templateVersionId))
    : [];
  return { ...row.item, templateName: row.templateName, slots: version?.definition.slots ?? [], revisions };
}
