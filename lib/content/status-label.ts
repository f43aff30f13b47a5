import type { contentStatusEnum } from "@/db/schema";

export type ContentStatus = (typeof contentStatusEnum.enumValues)[number];

/**
 * The one word every page shows for a content item's status. The stored `approved` means every
 * applicable stage passed and the content is served: people call that published, and the review
 * history already says "approved; published", so the Library and the item pages say it too.
 */
const LABEL: Record<ContentStatus, string> = {
  draft: "draft",
  in_review: "in review",
  changes_requested: "changes requested",
  approved: "published",
  rejected: "rejected",
  retired: "retired",
};

export function contentStatusLabel(status: ContentStatus): string {
  return LABEL[status];
}
