import { z } from "zod";
import { listOf, passed, quote, spanOf } from "../result";
import type { Span, TextCheck } from "../types";
import { foldTextCached } from "./fold-text";

const ID = "prompt-injection";
const params = z.object({});

const FILLER =
  "(?: (?:all|any|the|your|my|our|these|those|of|previous|previously|prior|above|earlier|preceding|system|original|initial|existing|safety|brand|content|given))";
const TARGET =
  "(?:instructions?|rules|guidelines|directions|prompts?|constraints|guardrails|polic(?:y|ies)|restrictions|checks|filters)";

/**
 * Run on folded text (lower case, single spaces, invisible characters gone), so spacing and
 * homoglyph tricks do not hide them. Filler words are a closed list with bounded repetition.
 */
const SIGNALS: { pattern: RegExp; message: string; verdict: "fail" | "warn" }[] = [
  {
    pattern: new RegExp(
      `\\b(?:ignore|disregard|forget|override|bypass|circumvent)${FILLER}{1,4} ${TARGET}\\b`,
      "g",
    ),
    message: "Asks the model to ignore its instructions.",
    verdict: "fail",
  },
  {
    pattern:
      /\b(?:ignore|disregard|forget) (?:everything|anything|all|what) (?:above|before|previously|prior|you (?:were|have been) told)\b/g,
    message: "Asks the model to ignore its instructions.",
    verdict: "fail",
  },
  {
    pattern:
      /\b(?:reveal|show|print|repeat|read|output|display|leak|dump|tell me|give me|what is|what are|what's)(?: (?:me|us|your|the|my|all|of|full|entire|exact|verbatim)){0,4} ?(?:system|hidden|secret|initial|original|developer) (?:prompt|instructions?|message|rules)\b/g,
    message: "Asks the model to reveal its system prompt.",
    verdict: "fail",
  },
  {
    pattern:
      /<\|?(?:im_start|im_end|system|endoftext)\|?>|\[\/?inst\]|<<\/?sys>>|<\/?system>|###? ?(?:instruction|system|new instructions?)\b/g,
    message: "Contains chat-template or instruction markers.",
    verdict: "fail",
  },
  {
    pattern:
      /\byou are now\b|\bfrom now on,? you\b|\bpretend (?:to be|you are)\b|\broleplay as\b|\bjailbreak\b|\bdeveloper mode\b|\bdo anything now\b|\bdan mode\b/g,
    message: "Tries to give the model a new role.",
    verdict: "warn",
  },
];

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

/** Signals that input tries to steer the model, or output carries hidden instructions. */
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
    for (const { pattern, message, verdict: level } of SIGNALS) {
      for (const m of folded.text.matchAll(pattern)) {
        flag(folded.starts[m.index]!, folded.ends[m.index + m[0].length - 1]!, message, level);
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
