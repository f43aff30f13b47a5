import { z } from "zod";
import { listOf, passed, quote, spanOf } from "../result";
import type { TextCheck } from "../types";
import { MAX_ANALYSED_CHARS, analyseLanguage } from "./analyse-language";

const ID = "inclusive-language";
const params = z.object({});

/**
 * Insensitive or non-inclusive wording per retext-equality. Suggestions depend on context
 * ("crazy" may mean "wild" or "unfair"), so it warns with suggestions rather than auto-fixing.
 */
export const inclusiveLanguageCheck: TextCheck<z.infer<typeof params>> = {
  id: ID,
  kind: "text",
  description: "Content uses inclusive language.",
  weight: 10,
  blocking: false,
  phases: ["input", "output"],
  params,
  fromKit: () => ({}),
  run({ text }) {
    const found = analyseLanguage(text).filter((f) => f.source === "equality");
    const note =
      text.length > MAX_ANALYSED_CHARS
        ? ` Only the first ${MAX_ANALYSED_CHARS} characters were analysed.`
        : "";
    if (found.length === 0) return passed(ID, `No exclusionary language found.${note}`);
    return {
      checkId: ID,
      verdict: "warn",
      explanation: `Consider more inclusive wording for ${listOf(found.map((f) => quote(f.actual)))}.${note}`,
      spans: found.map((f) =>
        spanOf(
          text,
          f.start,
          f.end,
          f.suggestions.length > 0
            ? `Consider ${listOf(f.suggestions.slice(0, 4).map((s) => `"${s}"`))}.`
            : "May be insensitive.",
        ),
      ),
    };
  },
};
