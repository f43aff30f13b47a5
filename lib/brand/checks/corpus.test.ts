import { describe, expect, it } from "vitest";
import {
  DETERMINISTIC_CHECKS,
  DETERMINISTIC_FLOOR,
  evaluateCorpus,
  loadCorpus,
} from "./corpus/evaluate-corpus";
import { TEXT_CHECKS } from "./registry";

const items = loadCorpus();
const scores = new Map(evaluateCorpus(items).map((s) => [s.checkId, s]));

describe("labelled corpus", () => {
  it("has at least 150 examples, with positives and negatives for every text check", () => {
    expect(items.length).toBeGreaterThanOrEqual(150);
    for (const check of TEXT_CHECKS) {
      const labels = items.map((i) => i.expect[check.id]).filter((v) => v !== undefined);
      expect(labels.filter((v) => v === "pass").length, check.id).toBeGreaterThanOrEqual(2);
      expect(labels.filter((v) => v !== "pass").length, check.id).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(DETERMINISTIC_CHECKS)(`%s keeps precision and recall at or above ${DETERMINISTIC_FLOOR}`, (id) => {
    const score = scores.get(id)!;
    expect(score.precision, JSON.stringify(score.misses)).toBeGreaterThanOrEqual(DETERMINISTIC_FLOOR);
    expect(score.recall, JSON.stringify(score.misses)).toBeGreaterThanOrEqual(DETERMINISTIC_FLOOR);
  });
});
