import { describe, expect, it } from "vitest";
import { estimateDifference } from "./estimate-difference";

/** Scores of blind judgments: 1 candidate preferred, ½ the same, 0 stable preferred. */
function judgments(better: number, same: number, worse: number) {
  const n = better + same + worse;
  return { n, sum: better + same / 2, sumSquares: better + same / 4 };
}

describe("estimateDifference for paired preferences", () => {
  it("counts a tie as half: parity at 50%, estimate candidate − stable = 2p − 1", () => {
    const d = estimateDifference({ kind: "preference", judgments: judgments(6, 8, 6) });
    expect(d.candidateValue).toBe(0.5);
    expect(d.stableValue).toBe(0.5);
    expect(d.estimate).toBe(0);
    const worse = estimateDifference({ kind: "preference", judgments: judgments(2, 4, 14) });
    expect(worse.candidateValue).toBeCloseTo(4 / 20, 12);
    expect(worse.estimate).toBeCloseTo(2 * (4 / 20) - 1, 12);
    expect(worse.candidateN).toBe(20);
    expect(worse.stableN).toBe(20);
  });

  it("uses the one-sample variance of the judgments, about twice that of two independent arms", () => {
    // 40 judgments without ties, p = 0.25: Var(2s − 1) = 4 p(1 − p), up to the padding of
    // one judgment each way (a few percent at this n).
    const d = estimateDifference({ kind: "preference", judgments: judgments(10, 0, 30) });
    expect(d.variance / ((4 * 0.25 * 0.75) / 40)).toBeGreaterThan(1);
    expect(d.variance / ((4 * 0.25 * 0.75) / 40)).toBeLessThan(1.1);
    // Read as two independent arms (10/40 against 30/40), the variance would be half as large:
    // the same judgments seen from both sides are perfectly anti-correlated.
    const independent = estimateDifference({
      kind: "proportion",
      candidate: { n: 40, successes: 10 },
      stable: { n: 40, successes: 30 },
    });
    expect(d.variance / independent.variance).toBeGreaterThan(1.9);
    expect(d.variance / independent.variance).toBeLessThan(2.2);
  });

  it("reads no judgments as parity", () => {
    const d = estimateDifference({ kind: "preference", judgments: judgments(0, 0, 0) });
    expect(d.estimate).toBe(0);
    expect(d.candidateValue).toBe(0.5);
  });

  it("never reads a unanimous panel as zero variance", () => {
    const d = estimateDifference({ kind: "preference", judgments: judgments(0, 0, 12) });
    expect(d.estimate).toBe(-1);
    expect(d.variance).toBeGreaterThan(0);
  });
});
