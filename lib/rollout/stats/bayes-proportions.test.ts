/**
 * Reference values: SciPy 1.17.1 on this machine (script kept in the commit message of this
 * file's first version). Posteriors Beta(1 + x, 1 + n − x).
 *   chanceToBeat: integrate.quad(beta_c.pdf · beta_s.cdf) over mean ± 12 sd, cross-checked
 *     against Evan Miller's exact sum ("Formulas for Bayesian A/B Testing", 2015) with
 *     special.betaln — the two agree to 3e-10.
 *   expectedLoss: nested quad ∫ f_c(x) ∫_x (y − x) f_s(y) dy dx, which uses none of the
 *     identities the implementation relies on.
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
