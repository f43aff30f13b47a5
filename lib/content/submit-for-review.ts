import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { contentItems, contentRevisions } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Session } from "@/lib/auth/types";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";

export const submitForReviewInput = z.object({
  brandId: z.string().uuid(),
  contentItemId: z.string().uuid(),
});

/** Sends a draft to review; content its checks block cannot be submitted. */
export async function submitForReview(session: Session | null, raw: z.input<typeof submitForReviewInput>) {
  const { brandId, contentItemId } = parseOrThrow(submitForReviewInput, raw);
  authorize(session, "studio:use", brandId);
  const [row] = await db()
    .select({ blocked: contentRevisions.blocked })
    .from(contentItems)
    .innerJoin(contentRevisions, eq(contentRevisions.id, contentItems.currentRevisionId))
    .where(and(eq(contentItems.id, contentItemId), eq(contentItems.brandId, brandId)));
  if (!row) throw new AppError("not_found", "No such content in this brand");
  if (row.blocked)
    throw new AppError("conflict", "This revision fails the brand's checks; fix it before submitting");
  const [moved] = await db()
    .update(contentItems)
    .set({ status: "in_review", updatedAt: sql`now()` })
    .where(
      and(eq(contentItems.id, contentItemId), inArray(contentItems.status, ["draft", "changes_requested"])),
    )
    .returning({ id: contentItems.id });
  if (!moved) throw new AppError("conflict", "Only a draft can be submitted for review");
  return { status: "in_review" as const };
}
