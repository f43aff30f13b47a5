import { z } from "zod";
import { listOf, passed, quote, spanOf } from "../result";
import type { TextCheck } from "../types";
import { MAX_ANALYSED_CHARS, analyseLanguage } from "./analyse-language";

const ID = "profanity";
const params = z.object({});

/**
 * Profanity per retext-profanities. Words it rates "sometimes profane" (shoot, hell,
 * cocktail) are ignored: in outdoor copy they are nearly always innocent.
 */
export const profanityCheck: TextCheck<z.infer<typeof params>> = {
  id: ID,
  kind: "text",
  description: "Content is free of profanity.",
  weight: 25,
  blocking: true,
  phases: ["input", "output"],
  params,
  fromKit: () => ({}),
  run({ text }) {
    const found = analyseLanguage(text).filter((f) => f.source === "profanity" && (f.severity ?? 0) >= 1);
    const note =
      text.length > MAX_ANALYSED_CHARS
        ? ` Only the first ${MAX_ANALYSED_CHARS} characters were analysed.`
        : "";
    if (found.length === 0) return passed(ID, `No profanity found.${note}`);
    const certain = found.some((f) => f.severity === 2);
    return {
      checkId: ID,
      verdict: certain ? "fail" : "warn",
      explanation: `${certain ? "Profanity" : "Possibly profane wording"}: ${listOf(found.map((f) => quote(f.actual)))}.${note}`,
      spans: found.map((f) =>
        spanOf(text, f.start, f.end, f.severity === 2 ? "Profane." : "May read as profane; reconsider."),
      ),
    };
  },
};
