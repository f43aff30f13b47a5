import type { SlotValues } from "./check-slots";

/** Long enough to tell items apart in a list, short enough for one line of the library table. */
const MAX_TITLE = 80;
/** The slots that already are a title, in the order they are preferred. */
const TITLE_SLOTS = ["headline", "subject", "pageTitle"];

/**
 * The library title of a generated item: the piece's own headline (or subject, or page
 * title) when its template has one, else the brief's first sentence, cut at a word boundary
 * with an ellipsis rather than mid-word.
 */
export function contentTitle(summary: string, slots: SlotValues): string {
  for (const name of TITLE_SLOTS) {
    const value = slots[name];
    if (typeof value === "string" && value.trim()) return cut(value.trim());
  }
  const firstSentence = summary.trim().split(/(?<=[.!?])\s+/)[0] ?? "";
  return cut(firstSentence) || "Untitled";
}

function cut(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, " "));
  if (chars.length <= MAX_TITLE) return chars.join("");
  const head = chars.slice(0, MAX_TITLE - 1).join("");
  const lastSpace = head.lastIndexOf(" ");
  // A single word longer than the bound is cut where it must be.
  const words = lastSpace > MAX_TITLE / 2 ? head.slice(0, lastSpace) : head;
  return `${words.replace(/[\s,;:–—-]+$/, "")}…`;
}
