/** Reference values: scipy.stats.chisquare(observed, f_exp) from SciPy 1.17.1 on this machine. */
import { describe, expect, it } from "vitest";
import { checkSampleRatio } from "./check-sample-ratio";

describe("checkSampleRatio", () => {
  it("flags a 52/48 split of 20k units under a 50/50 design (chi2 = 32, p = 1.54e-8)", () => {
    const r = checkSampleRatio({
      arms: [
        { id: "stable", units: 10400, weight: 50 },
        { id: "candidate", units: 9600, weight: 50 },
      ],
    });
    expect(r.statistic).toBeCloseTo(32, 10);
    expect(r.pValue / 1.5417257900280013e-8).toBeCloseTo(1, 8);
    expect(r.mismatch).toBe(true);
    expect(r.deviations.candidate).toBeCloseTo(-0.02, 12);
  });

  it("passes a 90/10 design observed as 9050/950 (p = 0.0956) and a three-arm design (p = 0.0539)", () => {
    const two = checkSampleRatio({
      arms: [
        { id: "stable", units: 9050, weight: 90 },
        { id: "candidate", units: 950, weight: 10 },
      ],
    });
    expect(two.pValue).toBeCloseTo(0.09558070454562936, 10);
    expect(two.mismatch).toBe(false);
    const three = checkSampleRatio({
      arms: [
        { id: "stable", units: 5120, weight: 2 },
        { id: "a", units: 2430, weight: 1 },
        { id: "b", units: 2450, weight: 1 },
      ],
    });
    expect(three.statistic).toBeCloseTo(5.84, 10);
    expect(three.df).toBe(2);
    expect(three.pValue).toBeCloseTo(0.05393368730035601, 10);
  });

  it("treats units on a zero-weight arm as a mismatch", () => {
    const r = checkSampleRatio({
      arms: [
        { id: "stable", units: 1000, weight: 1 },
        { id: "retired", units: 3, weight: 0 },
      ],
    });
    expect(r.mismatch).toBe(true);
  });
});
