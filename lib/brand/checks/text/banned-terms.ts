import { z } from "zod";
import { bannedTermSchema } from "../../kit";
import { listOf, passed, quote, spanOf } from "../result";
import type { TextCheck } from "../types";
import { compiledTerms } from "./compiled";
import { foldTextCached } from "./fold-text";
import { findTerms } from "./match-terms";

const ID = "banned-terms";
const params = z.object({ bannedTerms: z.array(bannedTermSchema) });

/** Terms the brand never uses, found through case, width, spacing and homoglyph tricks. */
export const bannedTermsCheck: TextCheck<z.infer<typeof params>> = {
  id: ID,
  kind: "text",
  description: "Content must not use the brand's banned terms, however they are disguised.",
  weight: 30,
  blocking: true,
  phases: ["input", "output"],
  params,
  fromKit: (kit) => ({ bannedTerms: kit.bannedTerms }),
  run({ text }, { bannedTerms }) {
    const terms = compiledTerms(bannedTerms, (b) => b.term);
    const matches = findTerms(foldTextCached(text), terms, { inflections: true });
    if (matches.length === 0) return passed(ID, "No banned terms found.");
    const reasons = new Map(bannedTerms.map((b) => [b.term, b.reason]));
    const spans = matches.map((m) =>
      spanOf(text, m.start, m.end, `Banned term "${m.term}": ${reasons.get(m.term) ?? "not allowed"}.`),
    );
    return {
      checkId: ID,
      verdict: "fail",
      explanation: `Uses banned ${matches.length === 1 ? "term" : "terms"} ${listOf(
        matches.map((m) => quote(text.slice(m.start, m.end))),
      )}. ${spans[0]!.message}`,
      spans,
    };
  },
};
