import { z } from "zod";
import { listOf, passed, quote, spanOf } from "../result";
import type { Span, TextCheck } from "../types";
import { foldText, foldTextCached } from "./fold-text";
import { decodedRuns, readingsOf } from "./hidden-text";
import { JOINED_SIGNALS, SIGNALS, type Signal } from "./injection-signals";

const ID = "prompt-injection";
const params = z.object({});

/** A role label at the start of a line ("system:", "assistant:"): needs line breaks, so the original. */
const ROLE_LINE = /(?:^|\n)[ \t]{0,20}(?:system|assistant|developer)[ \t]{0,20}:/gi;

/**
 * Bidi controls, zero-width characters, soft hyphens and Unicode tag characters (which can
 * smuggle invisible ASCII). ZWJ/ZWNJ are checked separately: emoji and some scripts need them.
 */
const INVISIBLE =
  /[\u00ad\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u{e0000}-\u{e007f}]/gu;
const JOINER = /[\u200c\u200d]/g;
/** What may sit either side of a legitimate joiner: emoji parts and non-Latin letters. */
const JOINABLE = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\ufe0f|(?!\p{Script=Latin})\p{L}|\p{M})$/u;

function charBefore(text: string, index: number): string {
  if (index === 0) return "";
  const code = text.charCodeAt(index - 1);
  return code >= 0xdc00 && code <= 0xdfff && index >= 2
    ? text.slice(index - 2, index)
    : text.slice(index - 1, index);
}

function charAfter(text: string, index: number): string {
  const cp = text.codePointAt(index);
  return cp === undefined ? "" : String.fromCodePoint(cp);
}

export function findInvisible(text: string): number[] {
  const at: number[] = [];
  for (const m of text.matchAll(INVISIBLE)) at.push(m.index);
  for (const m of text.matchAll(JOINER)) {
    if (!JOINABLE.test(charBefore(text, m.index)) || !JOINABLE.test(charAfter(text, m.index + 1)))
      at.push(m.index);
  }
  return at.sort((a, b) => a - b);
}

/**
 * Signals that input tries to steer the model, or output carries hidden instructions: the
 * signals of injection-signals.ts in the folded text and in its other readings (leetspeak,
 * rot13, spaced letters, decoded base64 and hex runs), role labels at the start of a line,
 * and invisible or bidi control characters.
 */
export const promptInjectionCheck: TextCheck<z.infer<typeof params>> = {
  id: ID,
  kind: "text",
  description:
    "No attempts to override the model's instructions, and no invisible or bidi control characters.",
  weight: 30,
  blocking: true,
  phases: ["input", "output"],
  params,
  fromKit: () => ({}),
  run({ text }) {
    const folded = foldTextCached(text);
    const spans: Span[] = [];
    let verdict: "pass" | "warn" | "fail" = "pass";
    const flag = (start: number, end: number, message: string, level: "warn" | "fail") => {
      spans.push(spanOf(text, start, end, message));
      if (level === "fail" || verdict === "pass") verdict = level;
    };
    const scan = (
      signals: readonly Signal[],
      reading: { text: string; starts: ArrayLike<number>; ends: ArrayLike<number> },
      via?: string,
    ) => {
      for (const { pattern, message, verdict: level } of signals) {
        for (const m of reading.text.matchAll(pattern)) {
          if (m[0].length === 0) continue;
          const start = reading.starts[m.index]!;
          const end = reading.ends[m.index + m[0].length - 1]!;
          if (via && spans.some((s) => s.start <= start && s.end >= end)) continue;
          flag(start, end, via ? `${message.slice(0, -1)} (written in ${via}).` : message, level);
        }
      }
    };
    scan(SIGNALS, folded);
    for (const reading of readingsOf(folded)) {
      scan(reading.via === "spaced letters" ? JOINED_SIGNALS : SIGNALS, reading, reading.via);
    }
    for (const run of decodedRuns(text)) {
      // A decoded run is reported as the whole encoded run: its parts map to nothing visible.
      const inner = foldText(run.text);
      const whole = {
        starts: new Uint32Array(inner.text.length).fill(run.start),
        ends: new Uint32Array(inner.text.length).fill(run.end),
      };
      scan(SIGNALS, { text: inner.text, ...whole }, run.via);
      for (const reading of readingsOf(inner)) {
        if (reading.via !== "spaced letters")
          scan(SIGNALS, { text: reading.text, ...whole }, `${run.via} and ${reading.via}`);
      }
    }
    for (const m of text.matchAll(ROLE_LINE)) {
      const start = m.index + (m[0].startsWith("\n") ? 1 : 0);
      flag(start, m.index + m[0].length, "Starts a line with a chat role label.", "fail");
    }
    const invisible = findInvisible(text);
    for (const i of invisible) {
      const length = text.codePointAt(i)! > 0xffff ? 2 : 1;
      flag(
        i,
        i + length,
        `Invisible character U+${text.codePointAt(i)!.toString(16).toUpperCase().padStart(4, "0")}.`,
        "fail",
      );
    }
    if (verdict === "pass") return passed(ID, "No prompt-injection signals found.");
    spans.sort((a, b) => a.start - b.start);
    return {
      checkId: ID,
      verdict,
      explanation: `Prompt-injection signals: ${listOf([...new Set(spans.map((s) => s.message))])}${
        invisible.length > 0
          ? ""
          : ` (${listOf(
              spans.map((s) => quote(s.text)),
              3,
            )})`
      }`,
      spans,
      fix:
        invisible.length > 0
          ? {
              description: "Remove invisible and bidi control characters",
              replacements: invisible.map((i) => ({
                start: i,
                end: i + (text.codePointAt(i)! > 0xffff ? 2 : 1),
                replacement: "",
              })),
            }
          : undefined,
    };
  },
};
