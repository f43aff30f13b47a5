import { z } from "zod";
import { passed, quote } from "../result";
import type { TextCheck } from "../types";
import { foldText, foldTextCached } from "./fold-text";

const ID = "required-disclaimers";
const params = z.object({ disclaimers: z.array(z.string()) });

/** Letters and digits only, single-spaced: "Terms apply." and "TERMS  APPLY" compare equal. */
function wordsOf(folded: string): string {
  return folded.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** Every disclaimer the kit requires for the channel, compared ignoring case and spacing. */
export const requiredDisclaimersCheck: TextCheck<z.infer<typeof params>> = {
  id: ID,
  kind: "text",
  description: "Content carries the disclaimers its channel requires.",
  weight: 20,
  blocking: true,
  phases: ["output"],
  params,
  fromKit: (kit, { channel }) => ({ disclaimers: kit.disclaimers[channel] ?? [] }),
  run({ text }, { disclaimers }) {
    const written = ` ${wordsOf(foldTextCached(text).text)} `;
    const missing = disclaimers.filter((d) => !written.includes(` ${wordsOf(foldText(d).text)} `));
    if (missing.length === 0) {
      return passed(
        ID,
        disclaimers.length === 0 ? "No disclaimer required." : "Required disclaimers present.",
      );
    }
    const appended = missing.join("\n");
    return {
      checkId: ID,
      verdict: "fail",
      explanation: `Missing required ${missing.length === 1 ? "disclaimer" : "disclaimers"}: ${missing
        .map((d) => quote(d, 80))
        .join("; ")}.`,
      spans: [],
      fix: {
        description: "Append the missing disclaimers",
        replacements: [
          {
            start: text.length,
            end: text.length,
            replacement: text.trim() === "" ? appended : `\n\n${appended}`,
          },
        ],
      },
    };
  },
};
