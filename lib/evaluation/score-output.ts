import type { BrandKit } from "@/lib/brand/kit";
import { checkSlots, type SlotValues } from "@/lib/generation/check-slots";
import type { TemplateDefinition } from "@/lib/templates/definition";

export interface OutputScore {
  /** The answer was a JSON object with every required slot, and the brand's checks did not block it. */
  compliant: boolean;
  /** The weakest slot's compliance score (0–100); 0 when the answer was unreadable. */
  score: number;
  /** Every slot within its template limit and the whole within the kit's limit for the channel. */
  lengthFit: boolean;
  /** Code points across the text and list slots. */
  chars: number;
  problems: string[];
}

const codePoints = (text: string) => Array.from(text).length;

function readObject(text: string): Record<string, unknown> | null {
  const body = text
    .trim()
    .replace(/^```(?:json)?\s*/i, "")
    .replace(/```$/, "");
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * Scores one model answer the way the pipeline would judge its first round: the brand's
 * output checks (with the same safe fixes) for compliance, and length kept apart, so a
 * report says whether a version breaks rules or just writes too much. The answer is read
 * leniently here, not through the slot schema: a too-long slot must count against length
 * fit, not make the whole answer unreadable.
 */
export function scoreOutput(input: {
  text: string;
  definition: TemplateDefinition;
  kit: BrandKit;
}): OutputScore {
  const { definition, kit } = input;
  const answer = readObject(input.text);
  if (!answer) {
    return {
      compliant: false,
      score: 0,
      lengthFit: false,
      chars: 0,
      problems: ["The answer was not a JSON object"],
    };
  }
  const problems: string[] = [];
  const slots: SlotValues = {};
  let chars = 0;
  let lengthFit = true;
  for (const slot of definition.slots) {
    const raw = answer[slot.name];
    const value =
      typeof raw === "string"
        ? raw
        : Array.isArray(raw)
          ? raw.filter((v): v is string => typeof v === "string")
          : undefined;
    if (value === undefined || value.length === 0) {
      if (slot.required) problems.push(`${slot.name} is missing`);
      continue;
    }
    slots[slot.name] = value;
    if (slot.type === "url") continue;
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      chars += codePoints(item);
      if (codePoints(item) > slot.maxLength) {
        lengthFit = false;
        problems.push(
          `${slot.name} is ${codePoints(item)} characters; the template allows ${slot.maxLength}`,
        );
      }
    }
  }
  const limit = kit.lengthLimits[definition.channel];
  if (limit !== undefined && chars > limit) {
    lengthFit = false;
    problems.push(`The copy is ${chars} characters; the kit allows ${limit} for ${definition.channel}`);
  }
  const checks = checkSlots({ slots, definition, kit, autoFix: true });
  problems.push(...checks.violations);
  const missing = problems.some((p) => p.endsWith(" is missing"));
  return { compliant: !missing && !checks.blocked, score: checks.score, lengthFit, chars, problems };
}
