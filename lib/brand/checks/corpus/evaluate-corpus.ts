/**
 * Scores the text checks against the labelled corpus: for each check, precision and recall
 * of "flagged" (warn or fail) against the labels, and how often the exact verdict matched.
 * Shared by bench/checks.ts (prints the table) and corpus.test.ts (holds the floors).
 */
import { z } from "zod";
import { type BrandKit, DEMO_KIT, channelSchema } from "../../kit";
import { TEXT_CHECKS } from "../registry";
import { PHASES, verdictSchema } from "../types";
import corpus from "./text.json";

export const corpusItemSchema = z.object({
  text: z.string(),
  channel: channelSchema,
  phase: z.enum(PHASES),
  expect: z.record(z.string(), verdictSchema),
  note: z.string().optional(),
});
export type CorpusItem = z.infer<typeof corpusItemSchema>;

/** Checks whose answers are rules, not language models: they must stay near-perfect. */
export const DETERMINISTIC_CHECKS = [
  "banned-terms",
  "competitor-names",
  "terminology",
  "trademark-casing",
  "pii",
  "link-domains",
  "required-disclaimers",
  "length-limit",
  "instruction-echo",
] as const;
export const DETERMINISTIC_FLOOR = 0.95;

export interface CheckScore {
  checkId: string;
  labelled: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  exactVerdicts: number;
  misses: { text: string; expected: string; got: string }[];
}

export function loadCorpus(): CorpusItem[] {
  return z.array(corpusItemSchema).parse(corpus);
}

export function evaluateCorpus(items: readonly CorpusItem[], kit: BrandKit = DEMO_KIT): CheckScore[] {
  return TEXT_CHECKS.map((check) => {
    const score: CheckScore = {
      checkId: check.id,
      labelled: 0,
      truePositives: 0,
      falsePositives: 0,
      falseNegatives: 0,
      precision: 1,
      recall: 1,
      exactVerdicts: 0,
      misses: [],
    };
    for (const item of items) {
      const expected = item.expect[check.id];
      if (expected === undefined) continue;
      score.labelled++;
      const got = check.evaluate({ text: item.text, channel: item.channel, phase: item.phase }, kit).verdict;
      const flaggedExpected = expected !== "pass";
      const flaggedGot = got !== "pass";
      if (flaggedExpected && flaggedGot) score.truePositives++;
      else if (flaggedGot) score.falsePositives++;
      else if (flaggedExpected) score.falseNegatives++;
      if (got === expected) score.exactVerdicts++;
      else score.misses.push({ text: item.text, expected, got });
    }
    const flagged = score.truePositives + score.falsePositives;
    const positives = score.truePositives + score.falseNegatives;
    score.precision = flagged === 0 ? 1 : score.truePositives / flagged;
    score.recall = positives === 0 ? 1 : score.truePositives / positives;
    return score;
  });
}
