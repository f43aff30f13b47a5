import { describe, expect, it } from "vitest";
import { scoreResults } from "./score";
import type { CheckResult, Verdict } from "./types";

const checks = [
  { id: "terms", weight: 30, blocking: true },
  { id: "style", weight: 10, blocking: false },
  { id: "claims", weight: 8, blocking: false },
];
const result = (checkId: string, verdict: Verdict, legalReview = false): CheckResult => ({
  checkId,
  verdict,
  explanation: "",
  spans: [],
  ...(legalReview ? { flags: { legalReview } } : {}),
});

describe("scoreResults", () => {
  it("scores 100 when everything passes", () => {
    expect(scoreResults([result("terms", "pass"), result("style", "pass")], checks, 70)).toMatchObject({
      score: 100,
      blocked: false,
      legalReview: false,
    });
  });

  it("charges a fail its full weight and a warn a quarter, rounded up", () => {
    expect(scoreResults([result("style", "fail")], checks, 70).score).toBe(90);
    expect(scoreResults([result("style", "warn")], checks, 70).score).toBe(97);
  });

  it("blocks on any blocking fail even when the score clears the threshold", () => {
    const score = scoreResults([result("terms", "fail")], checks, 50);
    expect(score).toMatchObject({ score: 70, blocked: true, blockedBy: ["terms"] });
  });

  it("blocks below the threshold without a blocking fail", () => {
    const many = [result("style", "fail"), result("claims", "fail")];
    expect(scoreResults(many, checks, 85)).toMatchObject({ score: 82, blocked: true, blockedBy: [] });
  });

  it("routes to legal review on a flagged warn without blocking", () => {
    expect(scoreResults([result("claims", "warn", true)], checks, 70)).toMatchObject({
      score: 98,
      blocked: false,
      legalReview: true,
    });
  });

  it("holds content whose check crashed", () => {
    const crashed: CheckResult = { ...result("style", "fail"), flags: { crashed: true } };
    expect(scoreResults([crashed], checks, 0).blocked).toBe(true);
  });
});
