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
import { slotLabel } from "@/lib/templates/slot-label";
import { checkSlotValue } from "@/lib/templates/validate-slots";
import { brandRenderContext } from "@/lib/templates/versions/brand-render-context";
import { getUsableTemplateVersion } from "@/lib/templates/versions/get-usable-template-version";

const slotValue = z.union([z.string().max(10_000), z.array(z.string().max(2000)).max(20)]);

export const editSlotsInput = z.object({
  brandId: z.string().uuid(),
  contentItemId: z.string().uuid(),
  /** The slots to change, by name; slots left out keep their current value. */
  slots: z
    .record(z.string().min(1).max(40), slotValue)
    .refine((slots) => Object.keys(slots).length > 0, "Change at least one slot")
    .refine((slots) => Object.keys(slots).length <= 30, "At most 30 slots"),
});

export type EditSlotsInput = z.input<typeof editSlotsInput>;

/**
 * A hand edit of any number of slots: one new revision, checked once against the current
 * published kit and rendered once. Every slot given is validated before anything is stored,
 * and each problem names its slot, so a form of all the fields can say which one is wrong.
 * The item returns to draft, so any review starts over on the new hash.
 */
export async function editSlots(principal: Principal | null, raw: EditSlotsInput) {
  const input = parseOrThrow(editSlotsInput, raw);
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
  const declared = template.definition.slots;
  const unknown = Object.keys(input.slots).filter((name) => !declared.some((s) => s.name === name));
  if (unknown.length)
    throw new AppError(
      "validation_failed",
      `No slot called ${unknown.join(", ")} in this template`,
      unknown.map((name) => ({ path: `slots.${name}`, message: "unknown slot" })),
    );
  // Only the slots given are judged: a slot the author did not touch cannot block the edit.
  const problems = declared.flatMap((slot) => {
    if (!Object.hasOwn(input.slots, slot.name)) return [];
    const problem = checkSlotValue(slot, input.slots[slot.name]);
    return problem ? [{ path: `slots.${slot.name}`, message: `${slotLabel(slot)} ${problem}` }] : [];
  });
  if (problems.length)
    throw new AppError("validation_failed", problems.map((p) => p.message).join("; "), problems);
  const slots = { ...current!.slots, ...input.slots };
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
    const names = Object.keys(input.slots);
    await appendAudit(tx, {
      brandId: item.brandId,
      actor: principal,
      action: "content.edited",
      target: { type: "content", id: item.id },
      data: {
        // One name stays a string, as audit entries written before multi-slot edits have it.
        slot: names.length === 1 ? names[0] : names,
        revisionId: revision!.id,
        revisionNumber: revision!.number,
        contentHash: revision!.contentHash,
        previousStatus: item.status,
      },
    });
    return revision!;
  });
}
