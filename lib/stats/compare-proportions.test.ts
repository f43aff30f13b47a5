/**
 * Reference values: SciPy 1.17.1 + NumPy 2.4.6 on this machine (statsmodels is not installed),
 * from the textbook formulas with scipy.stats.norm.ppf / sf:
 *   Wald interval d ± z·√(pc(1−pc)/nc + ps(1−ps)/ns); relative exp(ln(pc/ps) ± z·√((1−pc)/xc + (1−ps)/xs)) − 1;
 *   pooled z = d / √(p(1−p)(1/nc + 1/ns)), p-value 2·norm.sf(|z|).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareProportions } from "./compare-proportions";

const close = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 8);

describe("compareProportions", () => {
  it("matches the scipy reference for 1320/10000 vs 1200/10000 at alpha 0.05", () => {
    const r = compareProportions({
      candidate: { n: 10000, successes: 1320 },
      stable: { n: 10000, successes: 1200 },
    });
    close(r.absolute.estimate, 0.01200000000000001);
    close(r.absolute.interval.lower, 0.0028032775549919533);
    close(r.absolute.interval.upper, 0.021196722445008066);
    close(r.relative!.estimate, 0.10000000000000009);
    close(r.relative!.interval.lower, 0.02246208900662716);
    close(r.relative!.interval.upper, 0.18341796044054348);
    close(r.z, 2.556967802160992);
    close(r.pValue, 0.010558899038851653);
  });

  it("matches the scipy reference for small, unequal arms at alpha 0.10", () => {
    const r = compareProportions({
      candidate: { n: 500, successes: 45 },
      stable: { n: 480, successes: 30 },
      alpha: 0.1,
    });
    close(r.absolute.interval.lower, -0.0003106913381272329);
    close(r.absolute.interval.upper, 0.05531069133812723);
    close(r.relative!.estimate, 0.43999999999999995);
    close(r.relative!.interval.lower, -0.008496593862840518);
    close(r.relative!.interval.upper, 1.0913695174065277);
    close(r.z, 1.6188120601811211);
    close(r.pValue, 0.10548770645875266);
  });

  it("has no relative difference when an arm has no successes, and p = 1 when nothing varies", () => {
    const none = compareProportions({
      candidate: { n: 100, successes: 0 },
      stable: { n: 100, successes: 0 },
    });
    expect(none.relative).toBeNull();
    expect(none.pValue).toBe(1);
  });

  it("property: both intervals contain their point estimates, and a wider level gives a wider interval", () => {
    const arm = fc
      .integer({ min: 2, max: 100_000 })
      .chain((n) => fc.record({ n: fc.constant(n), successes: fc.integer({ min: 1, max: n - 1 }) }));
    fc.assert(
      fc.property(arm, arm, fc.double({ min: 0.001, max: 0.5, noNaN: true }), (candidate, stable, alpha) => {
        const r = compareProportions({ candidate, stable, alpha });
        const wider = compareProportions({ candidate, stable, alpha: alpha / 2 });
        expect(r.absolute.interval.lower).toBeLessThanOrEqual(r.absolute.estimate);
        expect(r.absolute.interval.upper).toBeGreaterThanOrEqual(r.absolute.estimate);
        expect(r.relative!.interval.lower).toBeLessThanOrEqual(r.relative!.estimate + 1e-12);
        expect(r.relative!.interval.upper).toBeGreaterThanOrEqual(r.relative!.estimate - 1e-12);
        expect(wider.absolute.interval.lower).toBeLessThanOrEqual(r.absolute.interval.lower);
        expect(r.pValue).toBeGreaterThanOrEqual(0);
        expect(r.pValue).toBeLessThanOrEqual(1);
      }),
    );
  });
});
