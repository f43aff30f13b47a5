import { contentStatusLabel, type ContentStatus } from "@/lib/content/status-label";
import { Badge } from "./ui";

const TONE = { approved: "green", rejected: "red" } as const;

/** A content item's status in the one vocabulary every page uses (published, not approved). */
export function ContentStatusBadge({ status }: { status: ContentStatus }) {
  return (
    <Badge tone={status in TONE ? TONE[status as keyof typeof TONE] : "slate"}>
      {contentStatusLabel(status)}
    </Badge>
  );
}
