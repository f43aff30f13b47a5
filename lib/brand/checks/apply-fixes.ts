import { AppError } from "@/lib/errors";
import type { Replacement } from "./types";

/**
 * Applies replacements given as offsets into `text` (all relative to the same original, as
 * checks report them). Rejects — rather than guesses — replacements that overlap, fall
 * outside the text or would split a surrogate pair, because a fix applied to the wrong
 * place would silently corrupt approved copy.
 */
export function applyFixes(text: string, replacements: readonly Replacement[]): string {
  const ordered = replacements
    .map((r, order) => ({ ...r, order }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let out = "";
  let cursor = 0;
  for (const r of ordered) {
    if (
      !Number.isInteger(r.start) ||
      !Number.isInteger(r.end) ||
      r.start < 0 ||
      r.end < r.start ||
      r.end > text.length
    ) {
      throw new AppError("unprocessable", "A fix points outside the text", { start: r.start, end: r.end });
    }
    if (r.start < cursor) {
      throw new AppError("unprocessable", "Fixes overlap; apply them one at a time", {
        start: r.start,
        end: r.end,
      });
    }
    if (splitsSurrogatePair(text, r.start) || splitsSurrogatePair(text, r.end)) {
      throw new AppError("unprocessable", "A fix would split a character", { start: r.start, end: r.end });
    }
    out += text.slice(cursor, r.start) + r.replacement;
    cursor = r.end;
  }
  return out + text.slice(cursor);
}

function splitsSurrogatePair(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
