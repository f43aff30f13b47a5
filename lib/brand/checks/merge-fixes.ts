import type { CheckResult, Replacement } from "./types";

/**
 * One "fix everything" list from several results: replacements are taken in result order
 * and any that overlaps one already taken is left for the next round (re-run the checks on
 * the fixed text and merge again).
 */
export function mergeFixes(results: readonly CheckResult[]): Replacement[] {
  const taken: Replacement[] = [];
  for (const result of results) {
    for (const r of result.fix?.replacements ?? []) {
      const clashes = taken.some((t) =>
        r.start === r.end && t.start === t.end ? r.start === t.start : r.start < t.end && t.start < r.end,
      );
      if (!clashes) taken.push(r);
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}
