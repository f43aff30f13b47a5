/**
 * Reference values: NumPy 2.4.6 on this machine, from the per-unit data below: θ from the
 * within-arm centred cross-products, then each unit's y − θ(x − x̄_all), and numpy's
 * .mean() / .var(ddof=1) of those adjusted values (not of the sums the implementation uses).
 */
import { describe, expect, it } from "vitest";
import { applyCuped } from "./apply-cuped";
import { compareMeans } from "./compare-means";
import { sumCupedUnits } from "./sum-cuped-units";

const zip = (x: number[], y: number[]) => x.map((xi, i) => ({ x: xi, y: y[i]! }));
const candidate = sumCupedUnits(
  zip([3.1, 4.0, 2.2, 5.5, 3.3, 4.8, 2.9, 3.7, 4.4, 5.0], [3.9, 4.6, 2.5, 6.3, 4.1, 5.2, 3.8, 4.0, 5.1, 5.9]),
);
const stable = sumCupedUnits(
  zip([2.8, 4.1, 3.5, 5.2, 2.4, 3.9, 4.6, 3.0, 4.2], [3.0, 4.3, 3.6, 5.6, 2.3, 4.2, 4.5, 3.1, 4.7]),
);

describe("applyCuped", () => {
  it("matches the numpy reference", () => {
    const r = applyCuped({ candidate, stable });
    expect(r.theta).toBeCloseTo(1.07389800915285, 10);
    expect(r.candidate.mean).toBeCloseTo(4.465957558316303, 10);
    expect(r.candidate.variance).toBeCloseTo(0.053581415177811245, 10);
    expect(r.candidate.unadjustedVariance).toBeCloseTo(1.2560000000000002, 10);
    expect(r.stable.mean).toBeCloseTo(4.004491601870774, 10);
    expect(r.stable.variance).toBeCloseTo(0.03366972835314113, 10);
    expect(r.stable.unadjustedVariance).toBeCloseTo(1.0294444444444444, 10);
    expect(r.varianceReduction).toBeCloseTo(0.96208384255458, 10);
  });

  it("turns an inconclusive comparison into a clear one when x predicts y", () => {
    const r = applyCuped({ candidate, stable });
    const raw = compareMeans({
      candidate: { n: candidate.n, sum: candidate.sumY, sumSquares: candidate.sumYY },
      stable: { n: stable.n, sum: stable.sumY, sumSquares: stable.sumYY },
    });
    const adjusted = compareMeans({ candidate: r.candidate, stable: r.stable });
    expect(raw.pValue).toBeGreaterThan(0.05);
    expect(adjusted.pValue).toBeLessThan(0.001);
  });

  it("leaves the metric alone when the covariate is constant", () => {
    const flat = sumCupedUnits([1, 2, 3, 4].map((y) => ({ x: 0, y })));
    const r = applyCuped({ candidate: flat, stable: flat });
    expect(r.theta).toBe(0);
    expect(r.varianceReduction).toBeCloseTo(0, 12);
    expect(r.candidate.mean).toBe(2.5);
  });
});
