/**
 * Reference values: Benjamini–Hochberg from scipy.stats.false_discovery_control(p, method="bh")
 * (SciPy 1.17.1). Holm by hand (statsmodels/R are not installed): sorted p = .005, .01, .03,
 * .04, .04, .2 times 6, 5, 4, 3, 2, 1 = .03, .05, .12, .12, .08, .2, then the running maximum.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adjustPValues } from "./adjust-p-values";

const p = [0.01, 0.04, 0.03, 0.005, 0.2, 0.04];

describe("adjustPValues", () => {
  it("matches the references, in input order", () => {
    const bh = adjustPValues({ pValues: p, method: "benjamini-hochberg" });
    [0.03, 0.048, 0.048, 0.03, 0.2, 0.048].forEach((v, i) => expect(bh[i]).toBeCloseTo(v, 12));
    const holm = adjustPValues({ pValues: p, method: "holm" });
    [0.05, 0.12, 0.12, 0.03, 0.2, 0.12].forEach((v, i) => expect(holm[i]).toBeCloseTo(v, 12));
    expect(adjustPValues({ pValues: [], method: "holm" })).toEqual([]);
  });

  it("property: adjusted ≥ raw, ≤ 1, order-preserving, and BH ≤ Holm", () => {
    const probability = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(fc.array(probability, { minLength: 1, maxLength: 40 }), (pValues) => {
        const holm = adjustPValues({ pValues, method: "holm" });
        const bh = adjustPValues({ pValues, method: "benjamini-hochberg" });
        pValues.forEach((raw, i) => {
          expect(holm[i]).toBeGreaterThanOrEqual(raw);
          expect(bh[i]).toBeGreaterThanOrEqual(raw);
          expect(holm[i]).toBeLessThanOrEqual(1);
          expect(bh[i]).toBeLessThanOrEqual(holm[i]! + 1e-15);
          pValues.forEach((other, j) => {
            if (raw < other) {
              expect(holm[i]).toBeLessThanOrEqual(holm[j]!);
              expect(bh[i]).toBeLessThanOrEqual(bh[j]!);
            }
          });
        });
      }),
    );
  });
});
