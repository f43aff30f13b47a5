import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { contentItems, contentRevisions } from "@/db/schema";
import { AppError } from "@/lib/errors";

/**
 * The item with its current revision, its row locked until the transaction ends, so decisions
 * on one item run one after another. Another brand's item answers 404.
 */
export async function lockItem(tx: Executor, brandId: string, contentItemId: string) {
  const [row] = await tx
    .select({ item: contentItems, revision: contentRevisions })
    .from(contentItems)
    .innerJoin(contentRevisions, eq(contentRevisions.id, contentItems.currentRevisionId))
    .where(and(eq(contentItems.id, contentItemId), eq(contentItems.brandId, brandId)))
    .for("update", { of: contentItems });
  if (!row) throw new AppError("not_found", "No such content in this brand");
  return row;
}

/** Whether someone other than `userId` holds an unexpired claim. */
export function claimedByOther(
  item: { claimedBy: string | null; claimExpiresAt: Date | null },
  userId: string,
  now: Date,
): boolean {
  return (
    item.claimedBy !== null && item.claimedBy !== userId && !!item.claimExpiresAt && item.claimExpiresAt > now
  );
}
