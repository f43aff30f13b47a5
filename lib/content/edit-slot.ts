import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { contentItems, contentRevisions, reviewDecisions } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { authorize, requireUser } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { getPublishedKit } from "@/lib/brand/kits/get-published-kit";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { checkSlots } from "@/lib/generation/check-slots";
import { contentHash } from "@/lib/generation/content-hash";
import { renderTemplate } from "@/lib/templates/engine/render-template";
import { validateSlots } from "@/lib/templates/validate-slots";
import { brandRenderContext } from "@/lib/templates/versions/brand-render-context";
import { getUsableTemplateVersion } from "@/lib/templates/versions/get-usable-template-version";

export const editSlotInput = z.object({
  brandId: z.string().uuid(),
  contentItemId: z.string().uuid(),
  slot: z.string().min(1).max(40),
  value: z.union([z.string().max(10_000), z.array(z.string().max(2000)).max(20)]),
});

/**
 * A hand edit of one slot: a new revision, checked again against the current published kit
 * and rendered again. The item returns to draft, so any review starts over on the new hash.
 */
export async function editSlot(principal: Principal | null, raw: z.input<typeof editSlotInput>) {
  const input = parseOrThrow(editSlotInput, raw);
  authorize(principal, "studio:use", input.brandId);
  const { user } = requireUser(principal);
  const [item] = await db()
    .select()
    .from(contentItems)
    .where(and(eq(contentItems.id, input.contentItemId), eq(contentItems.brandId, input.brandId)));
  if (!item?.currentRevisionId) throw new AppError("not_found", "No such content in this brand");
  if (item.status === "approved" || item.status === "rejected" || item.status === "retired")
    throw new AppError("conflict", `Content that is ${item.status} cannot be edited`);
  const [current] = await db()
    .select()
    .from(contentRevisions)
    .where(eq(contentRevisions.id, item.currentRevisionId));
  const template = await getUsableTemplateVersion(input.brandId, current!.templateVersionId);
  if (!template.definition.slots.some((s) => s.name === input.slot))
    throw new AppError("validation_failed", "No such slot in this template", [
      { path: "slot", message: "unknown slot" },
    ]);
  const slots = { ...current!.slots, [input.slot]: input.value };
  const invalid = validateSlots(template.definition.slots, slots).errors.filter((e) => e.slot === input.slot);
  if (invalid.length)
    throw new AppError(
      "validation_failed",
      invalid[0]!.message,
      invalid.map((e) => ({ path: "value", message: e.message })),
    );
  const published = await getPublishedKit(input.brandId);
  if (!published) throw new AppError("conflict", "This brand has no published brand kit");
  const checks = checkSlots({ slots, definition: template.definition, kit: published.kit, autoFix: false });
  const rendered = renderTemplate({
    definition: template.definition,
    slots: checks.slots,
    ...(await brandRenderContext(input.brandId, published.kit)),
  }).parts;
  return db().transaction(async (tx) => {
    const [revision] = await tx
      .insert(contentRevisions)
      .values({
        contentItemId: item.id,
        number: current!.number + 1,
        slots: checks.slots,
        rendered,
        kitVersionId: published.versionId,
        templateVersionId: current!.templateVersionId,
        modelVersionId: null,
        personalisationVersionId: current!.personalisationVersionId,
        generationId: current!.generationId,
        checkResults: checks.perSlot,
        score: checks.score,
        blocked: checks.blocked,
        legalReview: checks.legalReview,
        contentHash: contentHash({
          slots: checks.slots,
          rendered,
          kitVersionId: published.versionId,
          templateVersionId: current!.templateVersionId,
          modelVersionId: null,
        }),
        createdBy: user.id,
      })
      .returning();
    // Compare-and-set on the revision the edit was based on: two concurrent edits cannot both land.
    const [moved] = await tx
      .update(contentItems)
      .set({
        currentRevisionId: revision!.id,
        status: item.status === "changes_requested" ? "changes_requested" : "draft",
        claimedBy: null,
        claimExpiresAt: null,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(contentItems.id, item.id),
          eq(contentItems.currentRevisionId, current!.id),
          inArray(contentItems.status, ["draft", "in_review", "changes_requested"]),
        ),
      )
      .returning({ id: contentItems.id });
    if (!moved)
      throw new AppError("conflict", "Someone changed this content at the same time; reload and try again");
    await tx.insert(reviewDecisions).values({
      contentItemId: item.id,
      revisionId: revision!.id,
      action: "edited",
      userId: user.id,
    });
    await appendAudit(tx, {
      brandId: item.brandId,
      actor: principal,
      action: "content.edited",
      target: { type: "content", id: item.id },
      data: {
        slot: input.slot,
        revisionId: revision!.id,
        revisionNumber: revision!.number,
        contentHash: revision!.contentHash,
        previousStatus: item.status,
      },
    });
    return revision!;
  });
}
