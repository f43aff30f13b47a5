import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { placements, placementVariants } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";

export const detachFromPlacementInput = z.object({
  brandId: z.string().uuid(),
  placementId: z.string().uuid(),
  contentItemId: z.string().uuid(),
});

/** Takes a variant out of a placement; units assigned to it are re-chosen on their next request. */
export async function detachFromPlacement(
  principal: Principal | null,
  raw: z.input<typeof detachFromPlacementInput>,
) {
  const input = parseOrThrow(detachFromPlacementInput, raw);
  authorize(principal, "studio:use", input.brandId);
  return db().transaction(async (tx) => {
    const [placement] = await tx
      .select()
      .from(placements)
      .where(and(eq(placements.id, input.placementId), eq(placements.brandId, input.brandId)));
    if (!placement) throw new AppError("not_found", "No such placement in this brand");
    const [removed] = await tx
      .delete(placementVariants)
      .where(
        and(
          eq(placementVariants.placementId, placement.id),
          eq(placementVariants.contentItemId, input.contentItemId),
        ),
      )
      .returning();
    if (!removed) throw new AppError("not_found", "This content is not attached to the placement");
    await appendAudit(tx, {
      brandId: input.brandId,
      actor: principal,
      action: "placement.variant_detached",
      target: { type: "placement", id: placement.id },
      data: { key: placement.key, contentItemId: input.contentItemId },
    });
    return { detached: true as const };
  });
}
