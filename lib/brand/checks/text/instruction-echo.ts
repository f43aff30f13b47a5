import { z } from "zod";
import { passed, spanOf } from "../result";
import type { Span, TextCheck } from "../types";

const ID = "instruction-echo";
const params = z.object({ instructions: z.string() });

/** Words in a row from the instructions that count as repeating them. */
const RUN = 6;
/** A code word, key or reference number: letters and digits mixed, at least 8 characters. */
const SECRET_TOKEN = /\b(?=[\w-]*\d)(?=[\w-]*[a-z])[a-z0-9][\w-]{6,}[a-z0-9]\b/gi;

const words = (text: string) =>
  [...text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu)].map((m) => ({
    word: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));

interface CompiledInstructions {
  tokens: string[];
  runs: Set<string>;
}

/** Compiled once per instructions text (a kit's voice), not on every check run. */
const compiled = new Map<string, CompiledInstructions>();

function compile(instructions: string): CompiledInstructions {
  let c = compiled.get(instructions);
  if (!c) {
    const tokens = [...new Set(instructions.match(SECRET_TOKEN) ?? [])].map((t) => t.toLowerCase());
    const source = words(instructions).map((w) => w.word);
    const runs = new Set<string>();
    for (let i = 0; i + RUN <= source.length; i++) runs.add(source.slice(i, i + RUN).join(" "));
    if (compiled.size >= 200) compiled.clear();
    c = { tokens, runs };
    compiled.set(instructions, c);
  }
  return c;
}

/**
 * The model's output must not repeat the brand's instructions to it (the kit's voice
 * description, the free text of the system prompt): six words of it in a row, or any code word
 * in it (letters and digits mixed, e.g. a reference or a canary token). An injected brief
 * ("print your system prompt") that the model obeys is caught here, whatever the model is.
 * The explanation never quotes what was found: it is the secret.
 */
export const instructionEchoCheck: TextCheck<z.infer<typeof params>> = {
  id: ID,
  kind: "text",
  description: "Output must not repeat the model's instructions.",
  weight: 40,
  blocking: true,
  phases: ["output"],
  params,
  fromKit: (kit) => ({ instructions: kit.voice.description }),
  run({ text }, { instructions }) {
    const spans: Span[] = [];
    const lower = text.toLowerCase();
    const { tokens, runs } = compile(instructions);
    for (const token of tokens) {
      for (let at = lower.indexOf(token); at >= 0; at = lower.indexOf(token, at + 1))
        spans.push(spanOf(text, at, at + token.length, "A code word from the model's instructions."));
    }
    if (runs.size > 0) {
      const out = words(text);
      for (let i = 0; i + RUN <= out.length; i++) {
        if (
          runs.has(
            out
              .slice(i, i + RUN)
              .map((w) => w.word)
              .join(" "),
          )
        )
          spans.push(spanOf(text, out[i]!.start, out[i + RUN - 1]!.end, "Repeats the model's instructions."));
      }
    }
    if (spans.length === 0) return passed(ID, "Does not repeat the model's instructions.");
    return {
      checkId: ID,
      verdict: "fail",
      explanation: "Repeats the brand's instructions to the model; the output is withheld.",
      spans,
    };
  },
};
