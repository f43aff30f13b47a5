/**
 * Checks slot values — usually model output — against a template's slot schema before
 * anything is rendered. Every problem names its slot, so the pipeline can tell the model
 * (or the marketer) exactly what to fix.
 */
import type { Slot } from "@/lib/templates/definition";

export type SlotValue = string | readonly string[];

export interface SlotError {
  slot: string;
  message: string;
}

export interface ValidatedSlots {
  /** One entry per declared slot, in declaration order; absent optional slots are empty. */
  values: Map<string, SlotValue>;
  errors: SlotError[];
}

/** Code points, the unit the brand kit's length limits use. */
const length = (text: string) => Array.from(text).length;

function tooLong(text: string, max: number, what = "is"): string | null {
  const n = length(text);
  return n > max ? `${what} ${n} characters long; the most is ${max}` : null;
}

function isWebUrl(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** What is wrong with one value for one slot, phrased to follow the slot's name; null when fine. */
export function checkSlotValue(slot: Slot, value: unknown): string | null {
  const missing = value === undefined || value === null || (typeof value === "string" && value.trim() === "");
  if (missing) return slot.required ? "is required" : null;
  switch (slot.type) {
    case "text":
      return typeof value === "string" ? tooLong(value, slot.maxLength) : "must be text";
    case "url":
      if (typeof value !== "string") return "must be a URL as text";
      return (
        tooLong(value, slot.maxLength) ??
        (isWebUrl(value) ? null : "must be an http(s) URL, e.g. https://example.com/")
      );
    case "list": {
      if (!Array.isArray(value) || !value.every((item) => typeof item === "string"))
        return "must be a list of text";
      if (slot.required && value.length === 0) return "needs at least one item";
      if (value.length > slot.maxItems) return `has ${value.length} items; the most is ${slot.maxItems}`;
      for (const [i, item] of value.entries()) {
        const problem = item.trim() === "" ? "is empty" : tooLong(item, slot.maxLength);
        if (problem) return `item ${i + 1} ${problem}`;
      }
      return null;
    }
  }
}

/**
 * Keys that are not declared slots are ignored rather than rejected: model output often
 * carries extras, and ignoring them is what keeps a key like `kit` or `__proto__` inert.
 */
export function validateSlots(slots: readonly Slot[], input: unknown): ValidatedSlots {
  const values = new Map<string, SlotValue>();
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { values, errors: [{ slot: "", message: "Slot values must be an object of slot name to value" }] };
  }
  const errors: SlotError[] = [];
  for (const slot of slots) {
    const raw: unknown = Object.hasOwn(input, slot.name)
      ? (input as Record<string, unknown>)[slot.name]
      : undefined;
    const problem = checkSlotValue(slot, raw);
    if (problem) {
      errors.push({ slot: slot.name, message: `${slot.name} ${problem}` });
      continue;
    }
    const empty = slot.type === "list" ? [] : "";
    // Lists are copied so a caller changing its array later cannot change what was checked.
    values.set(
      slot.name,
      raw === undefined || raw === null ? empty : Array.isArray(raw) ? [...raw] : (raw as string),
    );
  }
  return { values, errors };
}
