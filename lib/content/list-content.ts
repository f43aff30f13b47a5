import { and, desc, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import { contentItems, contentRevisions, contentStatusEnum, templates } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { channelSchema } from "@/lib/brand/kit";
import { db } from "@/lib/db";

export const contentFilters = z.object({
  status: z.enum(contentStatusEnum.enumValues).optional().catch(undefined),
  channel: channelSchema.optional().catch(undefined),
  templateId: z.string().uuid().optional().catch(undefined),
});

/** The Library: every content item of the brand, newest first, filterable. */
export async function listContent(
  principal: Principal | null,
  brandId: string,
  raw: z.input<typeof contentFilters> = {},
) {
  authorize(principal, "library:view", brandId);
  const f = contentFilters.parse(raw);
  const where: SQL[] = [eq(contentItems.brandId, brandId)];
  if (f.status) where.push(eq(contentItems.status, f.status));
  if (f.channel) where.push(eq(contentItems.channel, f.channel));
  if (f.templateId) where.push(eq(contentItems.templateId, f.templateId));
  return db()
    .select({
      id: contentItems.id,
      title: contentItems.title,
      channel: contentItems.channel,
      status: contentItems.status,
      templateName: templates.name,
      updatedAt: contentItems.updatedAt,
      score: contentRevisions.score,
      revision: contentRevisions.number,
    })
    .from(contentItems)
    .innerJoin(templates, eq(templates.id, contentItems.templateId))
    .leftJoin(contentRevisions, eq(contentRevisions.id, contentItems.currentRevisionId))
    .where(and(...where))
    .orderBy(desc(contentItems.updatedAt))
    .limit(200);
}
