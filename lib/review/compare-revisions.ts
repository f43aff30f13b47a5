import { diffWordsWithSpace } from "diff";

export interface SlotDiff {
  slot: string;
  changed: boolean;
  parts: { kind: "added" | "removed" | "same"; text: string }[];
}

type Slots = Record<string, string | string[] | undefined>;

const asText = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join("\n") : (v ?? ""));

/** A word diff of every slot between two revisions, in the newer revision's slot order. */
export function compareSlots(from: Slots, to: Slots): SlotDiff[] {
  const names = [...new Set([...Object.keys(to), ...Object.keys(from)])];
  return names.map((slot) => {
    const a = asText(from[slot]);
    const b = asText(to[slot]);
    return {
      slot,
      changed: a !== b,
      parts: diffWordsWithSpace(a, b).map((c) => ({
        kind: c.added ? "added" : c.removed ? "removed" : "same",
        text: c.value,
      })),
    };
  });
}
