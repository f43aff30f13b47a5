import { z } from "zod";
import { terminologyRuleSchema } from "../../kit";
import { listOf, passed, quote, spanOf } from "../result";
import type { TextCheck } from "../types";
import { adaptCase } from "./adapt-case";
import { compiledTerms } from "./compiled";
import { addressRanges } from "./find-addresses";
import { foldText, foldTextCached } from "./fold-text";
import { findTerms } from "./match-terms";

const ID = "terminology";
const params = z.object({ terminology: z.array(terminologyRuleSchema) });

/** Deprecated wording, with a one-click fix to the preferred term. */
export const terminologyCheck: TextCheck<z.infer<typeof params>> = {
  id: ID,
  kind: "text",
  description: "Content uses the brand's preferred terms instead of deprecated ones.",
  weight: 10,
  blocking: false,
  phases: ["output"],
  params,
  fromKit: (kit) => ({ terminology: kit.terminology }),
  run({ text }, { terminology }) {
    const preferredOf = new Map(terminology.map((r) => [r.deprecated, r.preferred]));
    const addresses = addressRanges(text);
    const hits = findTerms(
      foldTextCached(text),
      compiledTerms(terminology, (r) => r.deprecated),
    ).flatMap((m) => {
      const preferred = preferredOf.get(m.term)!;
      const written = text.slice(m.start, m.end);
      // Links are addresses, not wording: rewriting one would break it.
      if (addresses.some(([s, e]) => m.start < e && s < m.end)) return [];
      // "email" already is the preferred form of "e-mail", though both fold alike.
      if (foldText(written).text === foldText(preferred).text) return [];
      return [{ ...m, written, replacement: adaptCase(written, preferred) }];
    });
    if (hits.length === 0) return passed(ID, "Uses the preferred terminology.");
    return {
      checkId: ID,
      verdict: "warn",
      explanation: `Deprecated wording: ${listOf(hits.map((h) => `${quote(h.written)} → "${h.replacement}"`))}.`,
      spans: hits.map((h) => spanOf(text, h.start, h.end, `Write "${h.replacement}" instead.`)),
      fix: {
        description: "Replace deprecated terms with the preferred ones",
        replacements: hits.map((h) => ({ start: h.start, end: h.end, replacement: h.replacement })),
      },
    };
  },
};
