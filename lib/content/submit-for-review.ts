import { z } from "zod";
import { authorize, requireUser } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { getSender } from "@/lib/jobs/send-job";
import { parseOrThrow } from "@/lib/errors";
import { enterReview } from "@/lib/review/enter-review";
import { lockItem } from "@/lib/review/lock-item";

export const submitForReviewInput = z.object({
  brandId: z.string().uuid(),
  contentItemId: z.string().uuid(),
});

/** Sends a draft (or content sent back for changes) to review; blocked content cannot go. */
export async function submitForReview(
  principal: Principal | null,
  raw: z.input<typeof submitForReviewInput>,
) {
  const { brandId, contentItemId } = parseOrThrow(submitForReviewInput, raw);
  authorize(principal, "studio:use", brandId);
  const { user } = requireUser(principal);
  await getSender(); // the stage's reviewers' email jobs are queued in the transaction
  return db().transaction(async (tx) => {
    const row = await lockItem(tx, brandId, contentItemId);
    return enterReview(tx, {
      item: row.item,
      revision: row.revision,
      actor: principal,
      userId: user.id,
    });
  });
}
