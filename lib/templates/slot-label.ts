import type { Slot } from "@/lib/templates/definition";

/** Words that read as initials; everything else stays lower case after the first word. */
const INITIALS = new Set(["cta", "url", "seo", "id", "sms"]);

/**
 * The words a person sees for a slot: slot names are camelCase keys (`ctaUrl`), which read
 * as code in a form. The schema has no label of its own, so the name is spelled out
 * (`CTA URL`); the slot's hint is its description.
 */
export function slotLabel(slot: Pick<Slot, "name">): string {
  const words = slot.name.split(/(?=[A-Z0-9])/).map((w) => w.toLowerCase());
  return words
    .map((w, i) => (INITIALS.has(w) ? w.toUpperCase() : i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(" ");
}
