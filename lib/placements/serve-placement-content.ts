import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { placementAssignments, placements, placementVariants, type PlacementMethod } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { contentEtag, withLineage, type ContentView } from "@/lib/content/content-view";
import { getPublishedContentByIds, type PublishedContent } from "@/lib/content/get-published-content";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { writeEvents } from "@/lib/events/group-commit-events";
import { audienceSchema } from "@/lib/personalisation/feature-schema";
import { chooseFirstVariant, type VariantChoice } from "./choose-first-variant";
import { audienceWithDefaults, variantFeaturesOf } from "./variant-features";

export const servePlacementContentInput = z.object({
  brandId: z.string().uuid(),
  placement: z.string().min(1).max(64),
  unit: z.string().min(1).max(200),
  audience: audienceSchema.partial().default({}),
});

export interface ServedPlacementContent {
  content: ContentView;
  etag: string;
  assignment: { variant_id: string; method: PlacementMethod; sticky: boolean };
}

/** Attempts at the compare-and-set on the unit's assignment before serving an unstored choice. */
const ASSIGN_ATTEMPTS = 3;

/**
 * The variant of a placement this unit sees, approved now. A unit keeps its variant (stored
 * per (placement, unit), so across processes and restarts) until that variant is no longer
 * approved or attached; then it is chosen afresh. Every answer records an exposure, written
 * before the answer is sent.
 */
export async function servePlacementContent(
  principal: Principal | null,
  raw: z.input<typeof servePlacementContentInput>,
): Promise<ServedPlacementContent> {
  const input = parseOrThrow(servePlacementContentInput, raw);
  authorize(principal, "library:view", input.brandId);
  const [placement] = await db()
    .select({ id: placements.id })
    .from(placements)
    .where(and(eq(placements.brandId, input.brandId), eq(placements.key, input.placement)));
  if (!placement) throw new AppError("not_found", `No placement "${input.placement}" in this brand`);
  const attached = await db()
    .select({ id: placementVariants.contentItemId })
    .from(placementVariants)
    .where(eq(placementVariants.placementId, placement.id));
  const live = await getPublishedContentByIds(
    input.brandId,
    attached.map((a) => a.id),
  );
  if (live.length === 0)
    throw new AppError("not_found", `Placement "${input.placement}" has no approved content to serve`, {
      placement: input.placement,
      reason: "no_approved_variants",
    });
  const byId = new Map(live.map((c) => [c.id, c]));
  const audience = audienceWithDefaults(input.audience);

  let served: { row: PublishedContent; method: PlacementMethod; sticky: boolean } | undefined;
  let choice: VariantChoice | undefined;
  for (let attempt = 0; attempt < ASSIGN_ATTEMPTS && !served; attempt++) {
    const [current] = await db()
      .select()
      .from(placementAssignments)
      .where(
        and(eq(placementAssignments.placementId, placement.id), eq(placementAssignments.unitKey, input.unit)),
      );
    const keep = current && byId.get(current.contentItemId);
    if (keep) {
      served = { row: keep, method: current.method, sticky: true };
      break;
    }
    choice ??= await chooseFirstVariant({
      brandId: input.brandId,
      placementId: placement.id,
      unitKey: input.unit,
      audience,
      candidates: live,
    });
    if (await storeChoice(placement.id, input.unit, choice, current?.contentItemId ?? null))
      served = { row: byId.get(choice.id)!, method: choice.method, sticky: false };
    // Otherwise another request assigned this unit meanwhile: read its choice and serve that.
  }
  // Still contended after every attempt: serve this request's choice without storing it.
  served ??= { row: byId.get(choice!.id)!, method: choice!.method, sticky: false };

  await writeEvents([
    {
      brandId: input.brandId,
      kind: "exposure",
      unitKey: input.unit,
      contentId: served.row.id,
      audience: Object.keys(input.audience).length > 0 ? input.audience : null,
      variant: variantFeaturesOf(served.row.slots, served.row.rendered),
      occurredAt: new Date(),
    },
  ]);
  const [content] = await withLineage([served.row]);
  return {
    content: content!,
    etag: contentEtag(served.row.contentHash),
    assignment: { variant_id: served.row.id, method: served.method, sticky: served.sticky },
  };
}

/** Compare-and-set: only the request that saw `previous` (or no row) gets to store its choice. */
async function storeChoice(
  placementId: string,
  unitKey: string,
  choice: VariantChoice,
  previous: string | null,
): Promise<boolean> {
  const values = {
    contentItemId: choice.id,
    method: choice.method,
    modelVersionId: choice.modelVersionId,
    assignedAt: new Date(),
  };
  if (previous === null) {
    const inserted = await db()
      .insert(placementAssignments)
      .values({ placementId, unitKey, ...values })
      .onConflictDoNothing()
      .returning({ unitKey: placementAssignments.unitKey });
    return inserted.length > 0;
  }
  const updated = await db()
    .update(placementAssignments)
    .set(values)
    .where(
      and(
        eq(placementAssignments.placementId, placementId),
        eq(placementAssignments.unitKey, unitKey),
        eq(placementAssignments.contentItemId, previous),
      ),
    )
    .returning({ unitKey: placementAssignments.unitKey });
  return updated.length > 0;
}
