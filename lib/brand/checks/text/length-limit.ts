import { z } from "zod";
import { passed, spanOf } from "../result";
import type { TextCheck } from "../types";

const ID = "length-limit";
const params = z.object({ maxChars: z.number().int().positive().optional() });

/** Offset (UTF-16) just past the first `count` code points, or undefined if the text is shorter. */
function offsetAfterCodePoints(text: string, count: number): number | undefined {
  let seen = 0;
  for (let i = 0; i < text.length;) {
    if (seen === count) return i;
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    seen++;
  }
  return undefined;
}

/** Channel length limits, counted in code points so an emoji counts once, not twice. */
export const lengthLimitCheck: TextCheck<z.infer<typeof params>> = {
  id: ID,
  kind: "text",
  description: "Content fits the channel's length limit.",
  weight: 20,
  blocking: true,
  phases: ["output"],
  params,
  fromKit: (kit, { channel }) => ({ maxChars: kit.lengthLimits[channel] }),
  run({ text, channel }, { maxChars }) {
    if (maxChars === undefined) return passed(ID, `No length limit for ${channel}.`);
    const cut = offsetAfterCodePoints(text, maxChars);
    if (cut === undefined || cut === text.length)
      return passed(ID, `Within the ${maxChars}-character limit for ${channel}.`);
    const length = [...text].length;
    return {
      checkId: ID,
      verdict: "fail",
      explanation: `${length} characters; ${channel} allows ${maxChars}. Cut ${length - maxChars}.`,
      spans: [spanOf(text, cut, text.length, `Past the ${maxChars}-character limit.`)],
    };
  },
};
