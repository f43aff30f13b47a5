/**
 * Reference values: SciPy 1.17.1 on this machine — p-value and t from
 * scipy.stats.ttest_ind_from_stats(mean_c, sd_c, n_c, mean_s, sd_s, n_s, equal_var=False);
 * interval d ± stats.t.ppf(1 − α/2, welch_df)·se; relative exp(ln(mc/ms) ± norm.ppf(1 − α/2)·
 * √(vc/(nc mc²) + vs/(ns ms²))) − 1. Variances from the sums as (Σx² − (Σx)²/n)/(n − 1).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareMeans } from "./compare-means";

const close = (actual: number, expected: number, digits = 8) => expect(actual).toBeCloseTo(expected, digits);

describe("compareMeans", () => {
  it("matches scipy's Welch test from sufficient statistics (large arms)", () => {
    const r = compareMeans({
      candidate: { n: 1200, sum: 30840, sumSquares: 1_020_000 },
      stable: { n: 1000, sum: 24500, sumSquares: 760_000 },
    });
    close(r.absolute.estimate, 1.1999999999999993);
    close(r.absolute.interval.lower, 0.0941904518485921);
    close(r.absolute.interval.upper, 2.3058095481514065);
    close(r.t, 2.128092387873235);
    close(r.df, 2177.4181949463714, 6);
    close(r.pValue, 0.03344144819692158);
    close(r.relative!.estimate, 0.048979591836734615);
    close(r.relative!.interval.lower, 0.003749321082204382);
    close(r.relative!.interval.upper, 0.09624799835839304);
  });

  it("matches scipy's Welch test for a small pilot at alpha 0.10 (where t and normal differ)", () => {
    const r = compareMeans({
      candidate: { n: 12, sum: 30.5, sumSquares: 95.2 },
      stable: { n: 9, sum: 21.0, sumSquares: 60.1 },
      alpha: 0.1,
    });
    close(r.absolute.interval.lower, -0.722319695530094);
    close(r.absolute.interval.upper, 1.1389863621967602);
    close(r.t, 0.3881390368279361);
    close(r.df, 18.037311872623736);
    close(r.pValue, 0.7024559927596402);
    close(r.relative!.interval.lower, -0.2432806868517441);
    close(r.relative!.interval.upper, 0.5680098904974977);
  });

  it("accepts mean/variance summaries and agrees with the sums form", () => {
    const fromSums = compareMeans({
      candidate: { n: 12, sum: 30.5, sumSquares: 95.2 },
      stable: { n: 9, sum: 21.0, sumSquares: 60.1 },
    });
    const fromMoments = compareMeans({
      candidate: { n: 12, mean: 30.5 / 12, variance: (95.2 - 30.5 ** 2 / 12) / 11 },
      stable: { n: 9, mean: 21 / 9, variance: (60.1 - 21 ** 2 / 9) / 8 },
    });
    close(fromMoments.pValue, fromSums.pValue, 10);
  });

  it("property: the interval contains the estimate", () => {
    const arm = fc.record({
      n: fc.integer({ min: 2, max: 1_000_000 }),
      mean: fc.double({ min: -1000, max: 1000, noNaN: true }),
      variance: fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
    });
    fc.assert(
      fc.property(arm, arm, (candidate, stable) => {
        const r = compareMeans({ candidate, stable });
        expect(r.absolute.interval.lower).toBeLessThanOrEqual(r.absolute.estimate);
        expect(r.absolute.interval.upper).toBeGreaterThanOrEqual(r.absolute.estimate);
      }),
    );
  });
});
