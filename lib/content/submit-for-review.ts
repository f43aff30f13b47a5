import { z } from "zod";
import { auditActorOf } from "@/lib/audit/actor";
import { authorize } from "@/lib/auth/authorize";
import type { Session } from "@/lib/auth/types";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { enterReview } from "@/lib/review/enter-review";
import { lockItem } from "@/lib/review/lock-item";

export const submitForReviewInput = z.object({
  brandId: z.string().uuid(),
  contentItemId: z.string().uuid(),
});

/** Sends a draft (or content sent back for changes) to review; blocked content cannot go. */
export async function submitForReview(session: Session | null, raw: z.input<typeof submitForReviewInput>) {
  const { brandId, contentItemId } = parseOrThrow(submitForReviewInput, raw);
  authorize(session, "studio:use", brandId);
  return db().transaction(async (tx) => {
    const row = await lockItem(tx, brandId, contentItemId);
    return enterReview(tx, {
      item: row.item,
      revision: row.revision,
      actor: auditActorOf(session!),
      userId: session!.user.id,
    });
  });
}
