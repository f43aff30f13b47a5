export interface LegalReviewPendingOptions {
  /** The revision's checks flagged claims that need legal review. */
  flagged: boolean | null;
  /** The content item's status. */
  status: string;
  /** The pinned workflow's stages with where the item stands in each, when known. */
  stages?: { legal: boolean; state: "done" | "current" | "waiting" | "skipped" }[];
}

/**
 * Whether "needs legal review" still holds: the checks flagged the revision and no legal stage
 * has approved it yet. Published or retired content passed every applicable stage; an item
 * whose workflow has no legal stage never waits for one.
 */
export function legalReviewPending({ flagged, status, stages }: LegalReviewPendingOptions): boolean {
  if (!flagged) return false;
  if (status === "approved" || status === "retired") return false;
  if (!stages || stages.length === 0) return true;
  return stages.some((s) => s.legal && s.state !== "done" && s.state !== "skipped");
}
