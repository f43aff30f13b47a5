/** Small helpers every check uses to build its result the same way. */
import type { CheckResult, Span } from "./types";

export function spanOf(text: string, start: number, end: number, message: string): Span {
  return { start, end, text: text.slice(start, end), message };
}

export function passed(checkId: string, explanation: string): CheckResult {
  return { checkId, verdict: "pass", explanation, spans: [] };
}

/** A short quotation for explanations: long or multi-line excerpts would swamp the UI. */
export function quote(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, " ");
  return `"${oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine}"`;
}

/** "a", "a and b", "a, b and c" — for explanations listing what was found. */
export function listOf(items: readonly string[], max = 5): string {
  const unique = [...new Set(items)];
  const shown = unique.slice(0, max);
  const rest = unique.length - shown.length;
  if (rest > 0) return `${shown.join(", ")} and ${rest} more`;
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}
