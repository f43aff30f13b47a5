import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { contentItems, placements, placementVariants } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { authorize, requireUser } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { placementKeySchema } from "./placement-key";

export const attachToPlacementInput = z.object({
  brandId: z.string().uuid(),
  contentItemId: z.string().uuid(),
  placementKey: placementKeySchema,
  /** Used only when the placement is new. */
  description: z.string().trim().max(500).default(""),
});

/**
 * Makes an approved item a variant of a placement, creating the placement by key if it is
 * new. Only approved content may be attached; what is served is still re-checked per request.
 */
export async function attachToPlacement(
  principal: Principal | null,
  raw: z.input<typeof attachToPlacementInput>,
) {
  const input = parseOrThrow(attachToPlacementInput, raw);
  authorize(principal, "studio:use", input.brandId);
  const { user } = requireUser(principal);
  const actor = principal;
  return db().transaction(async (tx) => {
    const [item] = await tx
      .select({ id: contentItems.id, status: contentItems.status })
      .from(contentItems)
      .where(and(eq(contentItems.id, input.contentItemId), eq(contentItems.brandId, input.brandId)));
    if (!item) throw new AppError("not_found", "No such content in this brand");
    if (item.status !== "approved")
      throw new AppError("conflict", "Only approved content can be attached to a placement", {
        status: item.status,
      });
    const [created] = await tx
      .insert(placements)
      .values({
        brandId: input.brandId,
        key: input.placementKey,
        description: input.description,
        createdBy: user.id,
      })
      .onConflictDoNothing({ target: [placements.brandId, placements.key] })
      .returning();
    const placement =
      created ??
      (
        await tx
          .select()
          .from(placements)
          .where(and(eq(placements.brandId, input.brandId), eq(placements.key, input.placementKey)))
      )[0]!;
    if (created)
      await appendAudit(tx, {
        brandId: input.brandId,
        actor,
        action: "placement.created",
        target: { type: "placement", id: placement.id },
        data: { key: placement.key },
      });
    const [attached] = await tx
      .insert(placementVariants)
      .values({ placementId: placement.id, contentItemId: item.id, attachedBy: user.id })
      .onConflictDoNothing()
      .returning();
    if (attached)
      await appendAudit(tx, {
        brandId: input.brandId,
        actor,
        action: "placement.variant_attached",
        target: { type: "placement", id: placement.id },
        data: { key: placement.key, contentItemId: item.id },
      });
    return { placementId: placement.id, key: placement.key, created: !!created, attached: !!attached };
  });
}
