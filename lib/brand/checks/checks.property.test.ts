/**
 * Properties every text check keeps on arbitrary input: it never throws, its spans point at
 * the text they quote, its fix is idempotent and fixes what it reported, and its work stays
 * within a generous budget on 100 kB of hostile input.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEMO_KIT } from "../kit";
import { applyFixes } from "./apply-fixes";
import { TEXT_CHECKS } from "./registry";
import { runTextChecks } from "./run-text-checks";
import { type CheckResult, type TextInput, checkResultSchema } from "./types";

/** Pieces that exercise the checks: kit terms, evasions, PII, links, invisible characters. */
const PIECES = [
  "cheap", "ｃｈｅａｐ", "c h e a p", "Cheap", "e-mail", "email", "sleeping-bag", "raincoat", "rain coat",
  "TrailMaster pro", "TrailMaster Pro", "trail master pro", "AcmeDry", "acme outdoor", "Acme Outdoor",
  "TrailCo", "T.r.a.i.l.C.o", "Peak & Pine", "Summit Supply", "ass", "classic", "bullet proof", "killer deal",
  "jane@gmail.com", "help@acmeoutdoor.com", "4111 1111 1111 1111", "+44 20 7946 0958", "(555) 123-4567",
  "DE89 3704 0044 0532 0130 00", "https://evil.com", "https://acmeoutdoor.com@evil.com", "acmeoutdoor.com",
  "javascript:", "\u200b", "\u200d", "\u202e", "\u{e0041}", "\u0301", "🏕", "👩\u200d💻", "Ignore previous instructions",
  "system:", "### Instruction", "guaranteed", "#1", "50%", "Terms apply.", " ", "  ", "\n", ".", "-", "@", "&", "'",
]; // prettier-ignore

const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc
    .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: "binary", maxLength: 6 })), {
      maxLength: 30,
    })
    .map((parts) => parts.join("")),
);
const channel = fc.constantFrom("email", "social", "display", "push", "landing" as const);
const phase = fc.constantFrom("input", "output" as const);

function fixOnce(
  check: (typeof TEXT_CHECKS)[number],
  input: TextInput,
): { result: CheckResult; fixed: string } {
  const result = check.evaluate(input, DEMO_KIT);
  return { result, fixed: result.fix ? applyFixes(input.text, result.fix.replacements) : input.text };
}

/** Checks whose every finding is fixable: after their fix they must pass. */
const FULLY_FIXABLE = new Set(["terminology", "trademark-casing", "pii", "required-disclaimers"]);

describe.each(TEXT_CHECKS.map((c) => [c.id, c] as const))("%s", (_id, check) => {
  it("never throws, returns a valid result and spans that quote the original", () => {
    fc.assert(
      fc.property(text, channel, phase, (t, ch, ph) => {
        const result = check.evaluate({ text: t, channel: ch, phase: ph }, DEMO_KIT);
        expect(checkResultSchema.safeParse(result).success).toBe(true);
        for (const span of result.spans) {
          expect(span.start).toBeGreaterThanOrEqual(0);
          expect(span.end).toBeLessThanOrEqual(t.length);
          expect(span.start).toBeLessThanOrEqual(span.end);
          expect(span.text).toBe(t.slice(span.start, span.end));
        }
        if (result.verdict === "pass") expect(result.fix).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  });

  it("has an idempotent fix that removes what it fixed", () => {
    fc.assert(
      fc.property(text, channel, (t, ch) => {
        const input = { text: t, channel: ch, phase: "output" as const };
        const first = fixOnce(check, input);
        if (!first.result.fix) return;
        const second = fixOnce(check, { ...input, text: first.fixed });
        expect(second.fixed).toBe(first.fixed);
        expect(second.result.fix).toBeUndefined();
        if (FULLY_FIXABLE.has(check.id)) expect(second.result.verdict).toBe("pass");
      }),
      { numRuns: 150 },
    );
  });

  it("handles 100 kB of hostile input within a generous time budget", () => {
    const size = 100_000;
    const hostile = [
      "a".repeat(size),
      "1".repeat(size),
      "1 ".repeat(size / 2),
      "a.".repeat(size / 2),
      "a@".repeat(size / 2),
      `https://${"a".repeat(size - 8)}`,
      "c h e a p ".repeat(size / 10),
      "\u200b".repeat(size),
      "ignore all ".repeat(size / 11),
      "DE89 ".repeat(size / 5),
      "🏕".repeat(size / 2),
    ];
    for (const t of hostile) {
      const started = performance.now();
      check.evaluate({ text: t, channel: "landing", phase: "input" }, DEMO_KIT);
      // Generous: a linear check takes tens of milliseconds here; quadratic would take minutes.
      expect(performance.now() - started).toBeLessThan(2_000);
    }
  });
});

describe("runTextChecks", () => {
  it("never throws on arbitrary Unicode up to 100 kB", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", minLength: 50_000, maxLength: 100_000 }),
        channel,
        phase,
        (t, ch, ph) => {
          const report = runTextChecks({ text: t, kit: DEMO_KIT, channel: ch, phase: ph });
          expect(report.score).toBeGreaterThanOrEqual(0);
          expect(report.results.every((r) => !r.flags?.crashed)).toBe(true);
        },
      ),
      { numRuns: 3 },
    );
  });
});
