import type { BrandKit } from "@/lib/brand/kit";
import { instructionEchoCheck } from "@/lib/brand/checks/text/instruction-echo";

export const WITHHELD = "[withheld: the model repeated its instructions]";

/**
 * A round's raw output is kept on the generation for the Studio — unless it repeats the
 * model's instructions (an obeyed injection), in which case it is replaced: the record must
 * not become the channel the system prompt leaks through.
 */
export function withholdEcho<T>(kit: BrandKit, value: T): T | typeof WITHHELD {
  const text = typeof value === "string" ? value : JSON.stringify(value ?? "");
  const verdict = instructionEchoCheck.run(
    { text, channel: "social", phase: "output" },
    instructionEchoCheck.fromKit(kit, { channel: "social" }),
  );
  return verdict.verdict === "fail" ? WITHHELD : value;
}
