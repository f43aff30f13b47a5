import { describe, expect, it } from "vitest";
import { computeAuc } from "./compute-auc";
import { computeLogLoss } from "./compute-log-loss";

describe("computeAuc", () => {
  it("is 1 for a perfect ranking and 0 for an inverted one", () => {
    expect(computeAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(computeAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
  });

  it("counts ties as half: all scores equal gives 0.5", () => {
    expect(computeAuc([0.5, 0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1, 1])).toBe(0.5);
  });

  it("matches a pairwise count on a case with partial ties", () => {
    const scores = [0.1, 0.4, 0.4, 0.4, 0.7, 0.9, 0.2];
    const outcomes = [0, 1, 0, 0, 1, 0, 1];
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < scores.length; i++) {
      for (let j = 0; j < scores.length; j++) {
        if (outcomes[i] === 1 && outcomes[j] === 0) {
          pairs++;
          wins += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
        }
      }
    }
    // Positives 0.4, 0.7, 0.2 vs negatives 0.1, 0.4, 0.4, 0.9: (2.0 + 3 + 1) / 12.
    expect(wins / pairs).toBeCloseTo(6 / 12, 12);
    expect(computeAuc(scores, outcomes)).toBeCloseTo(6 / 12, 12);
  });

  it("is undefined (null) with one class only, and refuses mismatched lengths", () => {
    expect(computeAuc([0.1, 0.2], [1, 1])).toBeNull();
    expect(() => computeAuc([0.1], [1, 0])).toThrow(RangeError);
  });
});

describe("computeLogLoss", () => {
  it("matches the definition and clamps certainty", () => {
    expect(computeLogLoss([0.8, 0.3], [1, 0])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 12);
    expect(computeLogLoss([0.5], [1])).toBeCloseTo(Math.LN2, 12);
    expect(computeLogLoss([0], [1])).toBeCloseTo(-Math.log(1e-15), 6);
  });
});
