import { and, eq, sql } from "drizzle-orm";
import { contentItems, contentRevisions, generations } from "@/db/schema";
import { db } from "@/lib/db";
import type { SlotChecks } from "./check-slots";
import { contentHash } from "./content-hash";

export interface StoreContentInput {
  generationId: string;
  brandId: string;
  templateId: string;
  channel: string;
  title: string;
  createdBy: string | null;
  templateVersionId: string;
  kitVersionId: string;
  modelVersionId: string;
  checks: SlotChecks;
  rendered: { html?: string; text?: string };
  submit: boolean;
}

/**
 * Stores the content item with its first revision, submitted to review, and finishes the
 * generation, all in one transaction guarded by the generation still running: a retried
 * job that already finished stores nothing a second time.
 */
export async function storeContent(
  input: StoreContentInput,
): Promise<{ contentItemId: string; revisionId: string } | null> {
  return db().transaction(async (tx) => {
    const [claimed] = await tx
      .update(generations)
      .set({ status: "succeeded", updatedAt: sql`now()` })
      .where(and(eq(generations.id, input.generationId), eq(generations.status, "running")))
      .returning({ id: generations.id });
    if (!claimed) return null;
    const [item] = await tx
      .insert(contentItems)
      .values({
        brandId: input.brandId,
        templateId: input.templateId,
        channel: input.channel,
        title: input.title,
        status: input.submit ? "in_review" : "draft",
        createdBy: input.createdBy,
      })
      .returning({ id: contentItems.id });
    const [revision] = await tx
      .insert(contentRevisions)
      .values({
        contentItemId: item!.id,
        number: 1,
        slots: input.checks.slots,
        rendered: input.rendered,
        kitVersionId: input.kitVersionId,
        templateVersionId: input.templateVersionId,
        modelVersionId: input.modelVersionId,
        personalisationVersionId: null,
        generationId: input.generationId,
        checkResults: input.checks.perSlot,
        score: input.checks.score,
        blocked: input.checks.blocked,
        legalReview: input.checks.legalReview,
        contentHash: contentHash({
          slots: input.checks.slots,
          rendered: input.rendered,
          kitVersionId: input.kitVersionId,
          templateVersionId: input.templateVersionId,
          modelVersionId: input.modelVersionId,
        }),
        createdBy: input.createdBy,
      })
      .returning({ id: contentRevisions.id });
    await tx
      .update(contentItems)
      .set({ currentRevisionId: revision!.id })
      .where(eq(contentItems.id, item!.id));
    await tx
      .update(generations)
      .set({ contentItemId: item!.id })
      .where(eq(generations.id, input.generationId));
    return { contentItemId: item!.id, revisionId: revision!.id };
  });
}
