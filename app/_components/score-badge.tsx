import { Badge } from "./ui";

/** A compliance score with its consequence spelled out, not only coloured. */
export function ScoreBadge({
  score,
  blocked,
  legalReview,
}: {
  score: number | null;
  blocked: boolean | null;
  legalReview?: boolean | null;
}) {
  if (score === null) return <Badge>Not checked</Badge>;
  return (
    <span className="inline-flex items-center gap-2" data-testid="score">
      <Badge tone={blocked ? "red" : "green"}>
        {score}/100 · {blocked ? "blocked" : "passes"}
      </Badge>
      {legalReview && <Badge tone="blue">needs legal review</Badge>}
    </span>
  );
}
