import { z } from "zod";
import { listOf, passed, quote, spanOf } from "../result";
import type { TextCheck } from "../types";
import { compiledTerms } from "./compiled";
import { addressRanges } from "./find-addresses";
import { foldTextCached } from "./fold-text";
import { findTerms } from "./match-terms";

const ID = "trademark-casing";
const params = z.object({ trademarks: z.array(z.string()) });

/** Product names written any other way than exactly so ("Trailmaster pro", "Trail-Master Pro"). */
export const trademarkCasingCheck: TextCheck<z.infer<typeof params>> = {
  id: ID,
  kind: "text",
  description: "Trademarked names are written exactly as registered.",
  weight: 15,
  blocking: false,
  phases: ["output"],
  params,
  fromKit: (kit) => ({ trademarks: kit.trademarks }),
  run({ text }, { trademarks }) {
    const addresses = addressRanges(text);
    const hits = findTerms(
      foldTextCached(text),
      compiledTerms(trademarks, (t) => t),
      { loose: true },
    ).filter(
      (m) => text.slice(m.start, m.end) !== m.term && !addresses.some(([s, e]) => m.start < e && s < m.end),
    );
    if (hits.length === 0) return passed(ID, "Trademarks are written correctly.");
    return {
      checkId: ID,
      verdict: "fail",
      explanation: `Trademark written incorrectly: ${listOf(
        hits.map((h) => `${quote(text.slice(h.start, h.end))} should be "${h.term}"`),
      )}.`,
      spans: hits.map((h) => spanOf(text, h.start, h.end, `Write "${h.term}" exactly.`)),
      fix: {
        description: "Write trademarks exactly as registered",
        replacements: hits.map((h) => ({ start: h.start, end: h.end, replacement: h.term })),
      },
    };
  },
};
