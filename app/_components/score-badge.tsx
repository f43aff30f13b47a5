import { Badge } from "./ui";

/** A compliance score with its consequence spelled out, not only coloured. */
export function ScoreBadge({
  score,
  blocked,
  legalReview,
  reason,
}: {
  score: number | null;
  blocked: boolean | null;
  legalReview?: boolean | null;
  /** Why it is blocked (the failing checks), shown after "blocked". */
  reason?: string | null;
}) {
  if (score === null) return <Badge>Not checked</Badge>;
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-1" data-testid="score">
      <Badge tone={blocked ? "red" : "green"}>
        {score}/100 · {blocked ? "blocked" : "passes"}
      </Badge>
      {blocked && reason && (
        <span className="text-xs text-red-900">
          <span className="sr-only">because </span>
          {reason}
        </span>
      )}
      {legalReview && <Badge tone="blue">needs legal review</Badge>}
    </span>
  );
}
