import { syllable } from "syllable";
import { z } from "zod";
import { passed, spanOf } from "../result";
import type { TextCheck } from "../types";

const ID = "readability";
const params = z.object({ maxGrade: z.number() });

/** Below this many words a grade says more about the formula than about the text. */
const MIN_WORDS = 10;
/** Grading is linear, but past this much text the answer no longer changes. */
const MAX_GRADED_CHARS = 50_000;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’]{0,63}/gu;
/** A sentence ends at ., ! or ? before a space or the end, or at a line break (headlines). */
const SENTENCE_END = /(?<![.!?])[.!?]+(?=\s|$)|\n/g;

interface Sentence {
  start: number;
  end: number;
  words: number;
  syllables: number;
}

export function fleschKincaidGrade(words: number, sentences: number, syllables: number): number {
  return 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59;
}

/**
 * Syllable counts by word. `syllable` singularises and runs a dozen patterns per word (the
 * largest share of a check run in the chat lane's profile); a language's working vocabulary
 * is small, so counts are kept per distinct word, up to a bound.
 */
const syllableCounts = new Map<string, number>();
const MAX_COUNTED_WORDS = 50_000;

function syllablesOf(word: string): number {
  let n = syllableCounts.get(word);
  if (n === undefined) {
    n = Math.max(1, syllable(word));
    if (syllableCounts.size >= MAX_COUNTED_WORDS) syllableCounts.clear();
    syllableCounts.set(word, n);
  }
  return n;
}

function sentencesOf(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const close = (end: number) => {
    let words = 0;
    let syllables = 0;
    for (const m of text.slice(start, end).matchAll(WORD)) {
      if (!/\p{L}/u.test(m[0])) continue;
      words++;
      syllables += syllablesOf(m[0]);
    }
    if (words > 0) sentences.push({ start, end, words, syllables });
    start = end;
  };
  for (const m of text.matchAll(SENTENCE_END)) close(m.index + m[0].length);
  close(text.length);
  return sentences;
}

/** Flesch–Kincaid grade of the text against the kit's target; above target warns. */
export const readabilityCheck: TextCheck<z.infer<typeof params>> = {
  id: ID,
  kind: "text",
  description: "Content reads at or below the brand's target grade level (Flesch–Kincaid).",
  weight: 10,
  blocking: false,
  phases: ["output"],
  params,
  fromKit: (kit) => ({ maxGrade: kit.readingLevel.maxGrade }),
  run({ text }, { maxGrade }) {
    const graded = text.slice(0, MAX_GRADED_CHARS);
    const sentences = sentencesOf(graded);
    const words = sentences.reduce((n, s) => n + s.words, 0);
    if (words < MIN_WORDS) return passed(ID, `Too short to grade (${words} words).`);
    const syllables = sentences.reduce((n, s) => n + s.syllables, 0);
    const grade = fleschKincaidGrade(words, sentences.length, syllables);
    const shown = grade.toFixed(1);
    if (grade <= maxGrade) return passed(ID, `Reads at grade ${shown}; the target is ${maxGrade} or below.`);
    const hardest = sentences
      .map((s) => ({ ...s, grade: fleschKincaidGrade(s.words, 1, s.syllables) }))
      .filter((s) => s.grade > maxGrade)
      .sort((a, b) => b.grade - a.grade)
      .slice(0, 3);
    return {
      checkId: ID,
      verdict: "warn",
      explanation: `Reads at grade ${shown}; the target is ${maxGrade} or below. Use shorter sentences and simpler words.`,
      spans: hardest.map((s) => {
        const written = graded.slice(s.start, s.end);
        const lead = written.length - written.trimStart().length;
        const trail = written.length - written.trimEnd().length;
        return spanOf(
          text,
          s.start + lead,
          s.end - trail,
          `This sentence reads at grade ${s.grade.toFixed(1)}.`,
        );
      }),
    };
  },
};
