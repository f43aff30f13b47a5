import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { contentItems, contentRevisions } from "@/db/schema";
import { auditActorOf } from "@/lib/audit/actor";
import { authorize } from "@/lib/auth/authorize";
import type { Session } from "@/lib/auth/types";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { enterReview } from "@/lib/review/enter-review";

export const submitForReviewInput = z.object({
  brandId: z.string().uuid(),
  contentItemId: z.string().uuid(),
});

/** Sends a draft (or content sent back for changes) to review; blocked content cannot go. */
export async function submitForReview(session: Session | null, raw: z.input<typeof submitForReviewInput>) {
  const { brandId, contentItemId } = parseOrThrow(submitForReviewInput, raw);
  authorize(session, "studio:use", brandId);
  return db().transaction(async (tx) => {
    const [row] = await tx
      .select({ item: contentItems, revision: contentRevisions })
      .from(contentItems)
      .innerJoin(contentRevisions, eq(contentRevisions.id, contentItems.currentRevisionId))
      .where(and(eq(contentItems.id, contentItemId), eq(contentItems.brandId, brandId)))
      .for("update", { of: contentItems });
    if (!row) throw new AppError("not_found", "No such content in this brand");
    return enterReview(tx, {
      item: row.item,
      revision: row.revision,
      actor: auditActorOf(session!),
      userId: session!.user.id,
    });
  });
}
