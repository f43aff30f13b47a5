/**
 * The compliance score of one piece of content or one asset, 0–100.
 *
 * Every check has a weight (its `weight`, in points). A fail costs the full weight, a warn a
 * quarter of it (rounded up), a pass nothing; the score is 100 minus the costs, floored at 0.
 * Weights today: banned terms, competitor names, PII and prompt injection 30; profanity and
 * links 25; disclaimers, length, image format and file size 20–25; trademarks 15; image
 * dimensions and palette 15; terminology, readability and inclusive language 10; legal claims
 * 8 (a warn by design: claims route to legal review rather than cost much).
 *
 * Content is blocked when its score is below the kit's threshold, or when any blocking check
 * failed (or could not run) whatever the score: one competitor name is enough.
 */
import type { CheckResult } from "./types";

export const WARN_SHARE = 0.25;

export interface ScoredCheck {
  id: string;
  weight: number;
  blocking: boolean;
}

export interface Score {
  score: number;
  blocked: boolean;
  /** Ids of the checks whose fail blocks the content by itself. */
  blockedBy: string[];
  legalReview: boolean;
}

export function scoreResults(
  results: readonly CheckResult[],
  checks: readonly ScoredCheck[],
  threshold: number,
): Score {
  const byId = new Map(checks.map((c) => [c.id, c]));
  let cost = 0;
  const blockedBy: string[] = [];
  for (const result of results) {
    const check = byId.get(result.checkId);
    const weight = check?.weight ?? 0;
    if (result.verdict === "fail") {
      cost += weight;
      if (check?.blocking || result.flags?.crashed) blockedBy.push(result.checkId);
    } else if (result.verdict === "warn") {
      cost += Math.ceil(weight * WARN_SHARE);
    }
  }
  const score = Math.max(0, 100 - cost);
  return {
    score,
    blocked: score < threshold || blockedBy.length > 0,
    blockedBy,
    legalReview: results.some((r) => r.flags?.legalReview === true),
  };
}
