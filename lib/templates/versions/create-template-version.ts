import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { templates, templateVersions } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { appendAudit } from "@/lib/audit/append-audit";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { parseTemplateDefinition } from "@/lib/templates/parse-template-definition";

export const createTemplateVersionInput = z.object({
  brandId: z.string().uuid(),
  /** Stable key within the brand; a new key creates the template. */
  key: z.string().regex(/^[a-z0-9][a-z0-9-]{1,59}$/, "Use lower-case letters, digits and dashes"),
  definition: z.unknown(),
  note: z.string().trim().max(500).default(""),
});

/**
 * Saves a template version: validated and compiled first (errors name the field, and line
 * and column for source errors), then stored immutably as the template's next version. A
 * new version starts unapproved and cannot be used for content until it is approved.
 */
export async function createTemplateVersion(
  principal: Principal | null,
  raw: z.input<typeof createTemplateVersionInput>,
) {
  const { brandId, key, definition: input, note } = parseOrThrow(createTemplateVersionInput, raw);
  authorize(principal, "templates:edit", brandId);
  const { definition, hash } = parseTemplateDefinition(input);
  return db().transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(templates)
      .where(and(eq(templates.brandId, brandId), eq(templates.key, key)));
    if (existing && existing.channel !== definition.channel) {
      throw new AppError(
        "conflict",
        `This template is for ${existing.channel}; a version cannot change its channel`,
        { path: "definition.channel" },
      );
    }
    const [template] = existing
      ? await tx
          .update(templates)
          .set({ name: definition.name })
          .where(eq(templates.id, existing.id))
          .returning()
      : await tx
          .insert(templates)
          .values({ brandId, key, channel: definition.channel, name: definition.name })
          .returning();
    const [version] = await tx
      .insert(templateVersions)
      .values({
        templateId: template!.id,
        version: sql<number>`(select coalesce(max(${templateVersions.version}), 0) + 1 from ${templateVersions} where ${templateVersions.templateId} = ${template!.id})`,
        definition,
        contentHash: hash,
        note,
        createdBy: principal.user.id,
      })
      .returning();
    await appendAudit(tx, {
      brandId,
      actor: principal,
      action: "template.version_created",
      target: { type: "template_version", id: version!.id },
      data: { templateId: template!.id, key, version: version!.version, contentHash: hash },
    });
    return { template: template!, version: version! };
  });
}
