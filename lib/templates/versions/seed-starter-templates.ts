import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { templateApprovals, templates, templateVersions } from "@/db/schema";
import { loadStarterTemplates } from "@/lib/templates/load-starter-templates";

/**
 * Loads the starter templates shipped in `templates/` into a brand as approved v1s, the
 * approval recorded as the given admin's. Skips templates the brand already has.
 */
export async function seedStarterTemplates(database: Database, brandId: string, approverId: string) {
  const starters = await loadStarterTemplates();
  for (const starter of starters) {
    const [existing] = await database
      .select({ id: templates.id })
      .from(templates)
      .where(and(eq(templates.brandId, brandId), eq(templates.key, starter.key)));
    if (existing) continue;
    const [template] = await database
      .insert(templates)
      .values({
        brandId,
        key: starter.key,
        channel: starter.definition.channel,
        name: starter.definition.name,
      })
      .returning();
    const [version] = await database
      .insert(templateVersions)
      .values({
        templateId: template!.id,
        version: 1,
        definition: starter.definition,
        contentHash: starter.hash,
        note: "Starter template",
      })
      .returning();
    await database
      .insert(templateApprovals)
      .values({ templateVersionId: version!.id, approvedBy: approverId, approverRole: "admin" });
  }
  return starters.length;
}
