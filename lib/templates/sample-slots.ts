/**
 * Plausible values for the editor's live preview and for the trial render a template gets
 * when it is compiled. A slot's own `example` wins; otherwise a placeholder is made from
 * its name that fits its limits, so the preview shows real lengths rather than "undefined".
 */
import type { Slot, TemplateDefinition } from "@/lib/templates/definition";
import type { SlotValue } from "@/lib/templates/validate-slots";

/** `ctaLabel` → "Cta label". */
function humanise(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function fit(text: string, max: number): string {
  return Array.from(text).slice(0, max).join("").trim() || "x";
}

export function sampleSlotValue(slot: Slot): SlotValue {
  if (slot.example !== undefined) return slot.example;
  switch (slot.type) {
    case "text":
      return fit(`${humanise(slot.name)} goes here`, slot.maxLength);
    case "url":
      return "https://example.com/";
    case "list":
      return Array.from({ length: Math.min(3, slot.maxItems) }, (_, i) =>
        fit(`${humanise(slot.name)} ${i + 1}`, slot.maxLength),
      );
  }
}

export function sampleSlots(definition: Pick<TemplateDefinition, "slots">): Record<string, SlotValue> {
  return Object.fromEntries(definition.slots.map((slot) => [slot.name, sampleSlotValue(slot)]));
}
