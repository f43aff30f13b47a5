import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { applyFixes } from "./apply-fixes";
import { mergeFixes } from "./merge-fixes";

describe("applyFixes", () => {
  it("applies replacements given in any order against the original offsets", () => {
    const text = "cheap tents for customers";
    const fixed = applyFixes(text, [
      { start: 16, end: 25, replacement: "members" },
      { start: 0, end: 5, replacement: "affordable" },
    ]);
    expect(fixed).toBe("affordable tents for members");
  });

  it("appends at the end and keeps insertions at one point in the given order", () => {
    expect(
      applyFixes("Hi", [
        { start: 2, end: 2, replacement: " A" },
        { start: 2, end: 2, replacement: " B" },
      ]),
    ).toBe("Hi A B");
  });

  it("rejects overlapping, out-of-range and surrogate-splitting replacements", () => {
    const overlap = () =>
      applyFixes("abcdef", [
        { start: 0, end: 3, replacement: "x" },
        { start: 2, end: 4, replacement: "y" },
      ]);
    expect(overlap).toThrow(AppError);
    expect(() => applyFixes("abc", [{ start: 2, end: 9, replacement: "" }])).toThrow(/outside/);
    expect(() => applyFixes("a🏕b", [{ start: 2, end: 3, replacement: "" }])).toThrow(/split/);
  });
});

describe("mergeFixes", () => {
  it("keeps the first of overlapping replacements from several results", () => {
    const merged = mergeFixes([
      { checkId: "a", verdict: "fail", explanation: "", spans: [], fix: { description: "", replacements: [{ start: 0, end: 5, replacement: "A" }] } },
      { checkId: "b", verdict: "fail", explanation: "", spans: [], fix: { description: "", replacements: [{ start: 3, end: 8, replacement: "B" }, { start: 9, end: 10, replacement: "C" }] } },
    ]); // prettier-ignore
    expect(merged).toEqual([
      { start: 0, end: 5, replacement: "A" },
      { start: 9, end: 10, replacement: "C" },
    ]);
  });
});
