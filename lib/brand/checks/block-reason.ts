import type { CheckResult } from "./types";

const MAX_CHARS = 90;

/**
 * Why checked content is blocked, short enough for a badge: the failing checks' explanations,
 * each cut to its head before the list of findings ("62% of the image is off-palette (ΔE > 10;
 * limit 50%)") when that head says enough on its own. Null when nothing failed (blocked only
 * by a score under the kit's threshold, which the score itself shows).
 */
export function blockReason(results: readonly CheckResult[]): string | null {
  const reasons = results
    .filter((r) => r.verdict === "fail")
    .map((r) => {
      const colon = r.explanation.indexOf(": ");
      const head = colon >= 25 ? r.explanation.slice(0, colon) : r.explanation.replace(/\.$/, "");
      return head.length > MAX_CHARS ? `${head.slice(0, MAX_CHARS - 1).trimEnd()}…` : head;
    });
  return reasons.length ? reasons.join("; ") : null;
}
