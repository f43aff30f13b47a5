import { z } from "zod";
import { voiceStyleSchema } from "../../kit";
import { listOf, passed, quote, spanOf } from "../result";
import type { Span, TextCheck } from "../types";
import { compiledTerms } from "./compiled";
import { foldTextCached } from "./fold-text";
import { findTerms } from "./match-terms";

const ID = "tone";
const params = voiceStyleSchema;

/** A sentence ends at ., ! or ? before a space or the end, or at a line break (headlines). */
const SENTENCE = /[^.!?\n]+(?:[.!?]+(?=\s|$)|\n|$)/g;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** Slang and chat shorthand no brand voice but a casual one uses. */
const SLANG = /\b(?:gonna|wanna|gotta|kinda|sorta|ya|yep|nope|lol|omg|lmao|tbh|btw|u r|ur)\b/giu;
/** Contractions: fine in a casual or neutral voice, not in a formal one. */
const CONTRACTION = /\b[a-z]+(?:n['’]t|['’](?:re|ve|ll|d|m))\b|\b(?:it|that|what|there|here|let)['’]s\b/giu;
/** Stiff, legal or bureaucratic wording: off in a casual voice, and its extremes in a neutral one. */
const STIFF =
  /\b(?:hereby|herein|hereinafter|heretofore|henceforth|pursuant to|aforementioned|notwithstanding|whereas|therewith|utili[sz]e|commence|endeavou?r)\b/giu;
const LEGALESE =
  /\b(?:hereby|herein|hereinafter|heretofore|pursuant to|aforementioned|notwithstanding|therewith)\b/giu;

/**
 * The brand's voice, measured deterministically from the kit's voice style: formality
 * (contractions and slang against stiff wording), how many sentences shout, sentence length,
 * and the words the voice avoids. Tone is a matter of judgement, so it warns, never blocks.
 */
export const toneOfVoiceCheck: TextCheck<z.infer<typeof params>> = {
  id: ID,
  kind: "text",
  description:
    "Content sounds like the brand's voice: formality, exclamations, sentence length, words it avoids.",
  weight: 10,
  blocking: false,
  phases: ["output"],
  params,
  fromKit: (kit) => kit.voice.style,
  run({ text }, style) {
    const spans: Span[] = [];
    const reasons: string[] = [];
    const mark = (pattern: RegExp, message: string, reason: string) => {
      let found = false;
      for (const m of text.matchAll(pattern)) {
        spans.push(spanOf(text, m.index, m.index + m[0].length, message));
        found = true;
      }
      if (found) reasons.push(reason);
    };
    if (style.formality === "formal") {
      mark(CONTRACTION, "A contraction; the voice is formal.", "contractions in a formal voice");
      mark(SLANG, "Slang; the voice is formal.", "slang");
    } else if (style.formality === "casual") {
      mark(STIFF, "Stiff wording; the voice is casual.", "stiff wording in a casual voice");
    } else {
      mark(SLANG, "Slang; the voice is neither casual nor stiff.", "slang");
      mark(LEGALESE, "Legalese; the voice is neither casual nor stiff.", "legalese");
    }

    let sentences = 0;
    let exclaimed = 0;
    for (const m of text.matchAll(SENTENCE)) {
      const words = m[0].match(WORD)?.length ?? 0;
      if (words === 0) continue;
      sentences++;
      if (/!\s*$/.test(m[0])) exclaimed++;
      if (words > style.maxSentenceWords) {
        const lead = m[0].length - m[0].trimStart().length;
        spans.push(
          spanOf(
            text,
            m.index + lead,
            m.index + m[0].trimEnd().length,
            `${words} words; the voice keeps sentences under ${style.maxSentenceWords + 1}.`,
          ),
        );
        if (!reasons.includes("long sentences")) reasons.push("long sentences");
      }
    }
    const shouting =
      text.includes("!!") ||
      (exclaimed > 1 && exclaimed / Math.max(1, sentences) > style.maxExclamationShare);
    if (shouting) {
      for (const m of text.matchAll(/!+/g))
        spans.push(spanOf(text, m.index, m.index + m[0].length, "Exclamation."));
      reasons.push(`${exclaimed} of ${sentences} sentences exclaimed`);
    }

    const avoided = findTerms(
      foldTextCached(text),
      compiledTerms(style.avoidWords, (w) => w),
      { inflections: true },
    );
    for (const m of avoided) spans.push(spanOf(text, m.start, m.end, `The voice avoids "${m.term}".`));
    if (avoided.length > 0)
      reasons.push(
        `words the voice avoids (${listOf(avoided.map((m) => quote(text.slice(m.start, m.end))))})`,
      );

    if (spans.length === 0) return passed(ID, "Sounds like the brand's voice.");
    spans.sort((a, b) => a.start - b.start);
    return {
      checkId: ID,
      verdict: "warn",
      explanation: `Off the brand's voice: ${listOf(reasons)}.`,
      spans,
    };
  },
};
