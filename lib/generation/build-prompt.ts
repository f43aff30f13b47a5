import { z } from "zod";
import type { BrandKit } from "@/lib/brand/kit";
import type { ChatMessage } from "@/lib/models/providers/types";
import type { Slot, TemplateDefinition } from "@/lib/templates/definition";
import type { Brief } from "./brief";

/** The zod schema the model's JSON answer must match: one field per template slot. */
export function slotsSchema(definition: TemplateDefinition) {
  const shape: Record<string, z.ZodType> = {};
  for (const slot of definition.slots) {
    const value =
      slot.type === "list"
        ? z.array(z.string().max(slot.maxLength)).max(slot.maxItems)
        : slot.type === "url"
          ? z.string().url().max(slot.maxLength)
          : z.string().max(slot.maxLength);
    shape[slot.name] = slot.required ? value : value.optional();
  }
  return z.object(shape);
}

function describeSlot(slot: Slot, instruction: string | undefined): string {
  const limit =
    slot.type === "list"
      ? `up to ${slot.maxItems} items of at most ${slot.maxLength} characters`
      : `at most ${slot.maxLength} characters`;
  return `- ${slot.name} (${slot.type}, ${limit}${slot.required ? "" : ", optional"}): ${slot.hint}${instruction ? ` Brief: ${instruction}` : ""}`;
}

/**
 * The prompt, from the kit (voice, terminology, banned terms, competitors) and the template's
 * slot schema. Violations from an earlier round are fed back so the model can correct them.
 */
export function buildPrompt(input: {
  brandName: string;
  kit: BrandKit;
  definition: TemplateDefinition;
  brief: Brief;
  audience: unknown;
  violations?: string[];
}): ChatMessage[] {
  const { kit, definition, brief } = input;
  const system = [
    `You write marketing copy for ${input.brandName}.`,
    `Voice: ${kit.voice.description}`,
    kit.voice.tone.length ? `Tone: ${kit.voice.tone.join(", ")}.` : "",
    kit.terminology.length
      ? `Always write: ${kit.terminology.map((t) => `"${t.preferred}" (never "${t.deprecated}")`).join("; ")}.`
      : "",
    kit.trademarks.length ? `Write these names exactly so: ${kit.trademarks.join(", ")}.` : "",
    kit.bannedTerms.length ? `Never use: ${kit.bannedTerms.map((b) => b.term).join(", ")}.` : "",
    kit.competitors.length ? `Never mention: ${kit.competitors.join(", ")}.` : "",
    kit.allowedLinkDomains.length ? `Links may only point to: ${kit.allowedLinkDomains.join(", ")}` : "",
  ]
    .filter(Boolean)
    .join("\n");
  const user = [
    `Write ${definition.channel} content for the "${definition.name}" template.`,
    brief.summary ? `Brief: ${brief.summary}` : "",
    input.audience ? `Audience: ${JSON.stringify(input.audience)}` : "",
    `Answer with a JSON object with these fields: ${definition.slots.map((s) => s.name).join(", ")}.`,
    ...definition.slots.map((s) => describeSlot(s, brief.slots[s.name])),
    input.violations?.length
      ? `Your previous answer broke these rules; rewrite it without them:\n${input.violations.map((v) => `- ${v}`).join("\n")}`
      : "",
  ]
    .filter(Boolean)
    .join("\n");
  return [
    { role: "system", content: system },
    { role: "user", content: user },
  ];
}
