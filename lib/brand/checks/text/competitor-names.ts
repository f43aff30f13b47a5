import { z } from "zod";
import { listOf, passed, quote, spanOf } from "../result";
import type { TextCheck } from "../types";
import { compiledTerms } from "./compiled";
import { foldTextCached } from "./fold-text";
import { findTerms } from "./match-terms";

const ID = "competitor-names";
const params = z.object({ competitors: z.array(z.string()) });

/** Competitor names, matched with the same evasion-resistant matcher as banned terms. */
export const competitorNamesCheck: TextCheck<z.infer<typeof params>> = {
  id: ID,
  kind: "text",
  description: "Content must not name competitors.",
  weight: 30,
  blocking: true,
  phases: ["input", "output"],
  params,
  fromKit: (kit) => ({ competitors: kit.competitors }),
  run({ text }, { competitors }) {
    const matches = findTerms(
      foldTextCached(text),
      compiledTerms(competitors, (c) => c),
      { inflections: true },
    );
    if (matches.length === 0) return passed(ID, "No competitor names found.");
    return {
      checkId: ID,
      verdict: "fail",
      explanation: `Names ${matches.length === 1 ? "a competitor" : "competitors"}: ${listOf(
        matches.map((m) => `${quote(text.slice(m.start, m.end))} (${m.term})`),
      )}.`,
      spans: matches.map((m) => spanOf(text, m.start, m.end, `Competitor name (${m.term}).`)),
    };
  },
};
