import type { BrandKit } from "@/lib/brand/kit";
import { applyFixes } from "@/lib/brand/checks/apply-fixes";
import { runTextChecks } from "@/lib/brand/checks/run-text-checks";
import type { CheckResult } from "@/lib/brand/checks/types";
import type { TemplateDefinition } from "@/lib/templates/definition";

/** The template supplies disclaimers (a locked region) and bounds each slot's length itself. */
const NOT_PER_SLOT = ["required-disclaimers", "length-limit"];
/** Fixes that cannot change meaning: a preferred term, a trademark's casing. */
export const SAFE_FIXES = new Set(["terminology", "trademark-casing"]);

export type SlotValues = Record<string, string | string[] | undefined>;

export interface SlotChecks {
  slots: SlotValues;
  perSlot: Record<string, { score: number; blocked: boolean; results: CheckResult[] }>;
  score: number;
  blocked: boolean;
  legalReview: boolean;
  /** Human-readable, for the model's next round and for people. */
  violations: string[];
  fixed: string[];
}

function asText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join("\n") : (value ?? "");
}

/**
 * Output checks per slot, with safe fixes applied when `autoFix` is set (and checked again).
 * The piece's score is its weakest slot's: one bad slot is enough to block it.
 */
export function checkSlots(input: {
  slots: SlotValues;
  definition: TemplateDefinition;
  kit: BrandKit;
  autoFix: boolean;
}): SlotChecks {
  const channel = input.definition.channel;
  const slots: SlotValues = { ...input.slots };
  const perSlot: SlotChecks["perSlot"] = {};
  const fixed: string[] = [];
  for (const slot of input.definition.slots) {
    const value = slots[slot.name];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    const run = (v: string | string[]) =>
      Array.isArray(v)
        ? v.map((item) =>
            runTextChecks({ text: item, kit: input.kit, channel, phase: "output", skip: NOT_PER_SLOT }),
          )
        : [runTextChecks({ text: v, kit: input.kit, channel, phase: "output", skip: NOT_PER_SLOT })];
    let reports = run(value);
    if (
      input.autoFix &&
      reports.some((r) => r.results.some((c) => c.fix && c.verdict !== "pass" && SAFE_FIXES.has(c.checkId)))
    ) {
      const fix = (text: string, i: number) =>
        applyFixes(
          text,
          reports[i]!.results.filter(
            (c) => c.fix && c.verdict !== "pass" && SAFE_FIXES.has(c.checkId),
          ).flatMap((c) => c.fix!.replacements),
        );
      const next = Array.isArray(value) ? value.map(fix) : fix(value, 0);
      slots[slot.name] = next;
      fixed.push(slot.name);
      reports = run(next);
    }
    perSlot[slot.name] = {
      score: Math.min(...reports.map((r) => r.score)),
      blocked: reports.some((r) => r.blocked),
      results: reports.flatMap((r) => r.results),
    };
  }
  const entries = Object.entries(perSlot);
  const violations = entries.flatMap(([name, s]) =>
    s.results.filter((r) => r.verdict === "fail").map((r) => `${name}: ${r.explanation}`),
  );
  return {
    slots,
    perSlot,
    score: entries.length ? Math.min(...entries.map(([, s]) => s.score)) : 0,
    blocked: entries.some(([, s]) => s.blocked),
    legalReview: entries.some(([, s]) => s.results.some((r) => r.flags?.legalReview)),
    violations,
    fixed,
  };
}

export { asText };
