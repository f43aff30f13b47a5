import { checkRuns } from "@/db/schema";
import { db } from "@/lib/db";
import type { CheckResult } from "@/lib/brand/checks/types";

export interface CheckOutcome {
  score: number;
  blocked: boolean;
  legalReview: boolean;
  results: CheckResult[];
}

/** Stores a run of the checks together with the kit version it ran against. */
export async function recordCheckRun(input: {
  brandId: string;
  subjectType: "asset" | "text" | "content";
  subjectId: string | null;
  kitVersionId: string;
  phase: "input" | "output";
  outcome: CheckOutcome;
}) {
  const [row] = await db()
    .insert(checkRuns)
    .values({
      brandId: input.brandId,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      kitVersionId: input.kitVersionId,
      phase: input.phase,
      score: input.outcome.score,
      blocked: input.outcome.blocked,
      legalReview: input.outcome.legalReview,
      results: input.outcome.results,
    })
    .returning();
  return row!;
}
