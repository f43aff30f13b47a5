/**
 * Reference values: SciPy 1.17.1 on this machine. Posteriors C = stats.beta(1 + xc, 1 + nc − xc),
 * S likewise, lo/hi = the union of mean ± 12 sd clipped to [0, 1]:
 *   chanceToBeat = integrate.quad(lambda x: C.pdf(x) * S.cdf(x), lo, hi, epsrel=1e-12), cross-checked
 *     against Evan Miller's exact sum ("Formulas for Bayesian A/B Testing", 2015),
 *     Σ_{i<a_c} exp(betaln(a_s+i, b_s+b_c) − ln(b_c+i) − betaln(1+i, b_c) − betaln(a_s, b_s));
 *     the two agree to 3e-10 and the exact sum is what is written below.
 *   expectedLoss = quad(lambda x: C.pdf(x) * quad(lambda y: (y − x) * S.pdf(y), x, hi), lo, hi),
 *     a nested integral that uses none of the identities the implementation relies on.
 */
import { describe, expect, it } from "vitest";
import { bayesProportions } from "./bayes-proportions";
import { bayesMeans } from "./bayes-means";

describe("bayesProportions", () => {
  const cases: [number, number, number, number, number, number][] = [
    // xc, nc, xs, ns, P(p_c > p_s), E[max(p_s − p_c, 0)]
    [12, 100, 8, 100, 0.8215916929286723, 0.004177782318092581],
    [1320, 10000, 1200, 10000, 0.9947191262232197, 7.877339393201293e-6],
    // A 1% candidate against a 99% stable arm: the narrow density is the stable one.
    [130, 1000, 11880, 99000, 0.8422875792613195, 0.0008250644990014633],
    [3, 40, 0, 35, 0.9251667251667252, 0.0019188019188017943],
  ];

  it.each(cases)("matches scipy for %i/%i vs %i/%i", (xc, nc, xs, ns, chance, loss) => {
    const r = bayesProportions({ candidate: { n: nc, successes: xc }, stable: { n: ns, successes: xs } });
    expect(r.chanceToBeat).toBeCloseTo(chance, 8);
    expect(r.expectedLoss).toBeCloseTo(loss, 9);
  });

  it("orients chance and loss for a metric where lower is better (errors)", () => {
    const r = bayesProportions({
      candidate: { n: 40, successes: 3 },
      stable: { n: 35, successes: 0 },
      higherIsBetter: false,
    });
    expect(r.chanceToBeat).toBeCloseTo(1 - 0.9251667251667252, 8);
    // E[max(p_c − p_s, 0)], nested scipy quad over Beta(4, 38) and Beta(1, 36).
    expect(r.expectedLoss).toBeCloseTo(0.07012987012987011, 9);
  });
});

describe("bayesMeans", () => {
  // scipy.stats.norm: Φ(d/σ) and σ·φ(d/σ) − d·Φ(−d/σ), σ² = vc/nc + vs/ns.
  it("matches the normal-approximation reference, both orientations", () => {
    const up = bayesMeans({
      candidate: { n: 1200, mean: 25.7, variance: 190 },
      stable: { n: 1000, mean: 24.5, variance: 159.75 },
    });
    expect(up.chanceToBeat).toBeCloseTo(0.9833190979179648, 10);
    expect(up.expectedLoss).toBeCloseTo(0.0033782851701204125, 10);
    const down = bayesMeans({
      candidate: { n: 5000, mean: 210, variance: 900 },
      stable: { n: 5200, mean: 212, variance: 1000 },
      higherIsBetter: false,
    });
    expect(down.chanceToBeat).toBeCloseTo(0.9994768541432416, 10);
    expect(down.expectedLoss).toBeCloseTo(8.447804265485298e-5, 10);
  });
});
