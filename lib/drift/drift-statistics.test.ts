/**
 * Reference values: SciPy 1.17.1 / NumPy on this machine, printed with repr(float(...)) by the
 * script below (kept verbatim so the numbers can be regenerated). PSI has no SciPy function:
 * the script computes it independently with np.digitize and the textbook formula.
 *
 *   import numpy as np
 *   from scipy import stats
 *   a = np.array([(i*37 % 101)/10 for i in range(200)])
 *   b = np.array([(i*53 % 97)/10 + 1.5 for i in range(150)])
 *   # kolmogorov sf
 *   for lam in [0.3, 0.5, 0.8, 0.99, 1.0, 1.2, 1.5, 2.5, 4.0]:
 *       print("ksf", lam, repr(float(stats.kstwobign.sf(lam))))
 *   # ks 2 samp
 *   r = stats.ks_2samp(a, b, method="asymp")
 *   d = r.statistic
 *   en = len(a)*len(b)/(len(a)+len(b))
 *   print("ks", repr(float(d)), repr(float(stats.kstwobign.sf(np.sqrt(en)*d))))
 *   # ties: integer samples
 *   c = np.array([i % 7 for i in range(60)]); e = np.array([(i % 5) + 1 for i in range(40)])
 *   d2 = stats.ks_2samp(c, e, method="asymp").statistic
 *   en2 = 60*40/100
 *   print("ks-ties", repr(float(d2)), repr(float(stats.kstwobign.sf(np.sqrt(en2)*d2))))
 *   # numeric psi with 10 quantile bins: edges = sorted(a)[floor(q*n/10)], dedup, > min
 *   s = np.sort(a); edges=[]
 *   for q in range(1,10):
 *       x = s[(q*len(s))//10]
 *       if x > s[0] and (not edges or x > edges[-1]): edges.append(x)
 *   def shares(v):
 *       h = np.bincount(np.digitize(v, edges, right=False), minlength=len(edges)+2).astype(float)  # + missing bin (empty)
 *       return np.maximum(h/h.sum(), 1e-4)
 *   p, q = shares(a), shares(b)
 *   print("edges", edges)
 *   print("psi-num", repr(float(np.sum((q-p)*np.log(q/p)))))
 *   # categorical psi
 *   ref = ["north"]*50 + ["south"]*30 + ["east"]*20
 *   cur = ["north"]*20 + ["south"]*30 + ["east"]*30 + ["west"]*20
 *   cats = sorted(set(ref)|set(cur))
 *   P = np.maximum(np.array([ref.count(k) for k in cats])/len(ref), 1e-4)
 *   Q = np.maximum(np.array([cur.count(k) for k in cats])/len(cur), 1e-4)
 *   print("psi-cat", repr(float(np.sum((Q-P)*np.log(Q/P)))))
 *   # rates
 *   t = np.array([[12, 388],[45, 255]])
 *   chi2, pv, dof, _ = stats.chi2_contingency(t, correction=False)
 *   P = t[0]/t[0].sum(); Q = t[1]/t[1].sum()
 *   print("rates", repr(float(chi2)), repr(float(pv)), repr(float(np.sum((Q-P)*np.log(Q/P)))))
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { categoricalPsi } from "./categorical-psi";
import { classifyDrift } from "./classify-drift";
import { compareRates } from "./compare-rates";
import { computePsi } from "./compute-psi";
import { kolmogorovSf } from "./kolmogorov-sf";
import { ksTwoSample } from "./ks-two-sample";
import { numericPsi } from "./numeric-psi";
import { binOf, quantileEdges } from "./quantile-edges";

function expectRelative(actual: number, expected: number, tolerance = 1e-9) {
  const scale = Math.max(Math.abs(expected), 1e-300);
  expect(Math.abs(actual - expected) / scale, `${actual} vs ${expected}`).toBeLessThan(tolerance);
}

const a = Array.from({ length: 200 }, (_, i) => ((i * 37) % 101) / 10);
const b = Array.from({ length: 150 }, (_, i) => ((i * 53) % 97) / 10 + 1.5);

describe("kolmogorovSf", () => {
  it("matches scipy.stats.kstwobign.sf on both sides of the series switch", () => {
    const cases: [number, number][] = [
      [0.3, 0.9999906941986655],
      [0.5, 0.9639452436648751],
      [0.8, 0.5441424115741981],
      [0.99, 0.2808738392255489],
      [1.0, 0.26999967167735456],
      [1.2, 0.11224966667072497],
      [1.5, 0.022217962616525127],
      [2.5, 7.453306344157342e-6],
      [4.0, 2.532833109818835e-14],
    ];
    for (const [lambda, p] of cases) expectRelative(kolmogorovSf(lambda), p, 1e-9);
    expect(kolmogorovSf(0)).toBe(1);
    expect(kolmogorovSf(0.05)).toBe(1);
  });
});

describe("ksTwoSample", () => {
  it("matches scipy.stats.ks_2samp's statistic and the asymptotic p-value", () => {
    const r = ksTwoSample({ reference: a, current: b });
    expectRelative(r.statistic, 0.15, 1e-12);
    expectRelative(r.pValue, 0.04225616120892953, 1e-9);
  });

  it("handles ties across the samples as scipy does", () => {
    const c = Array.from({ length: 60 }, (_, i) => i % 7);
    const e = Array.from({ length: 40 }, (_, i) => (i % 5) + 1);
    const r = ksTwoSample({ reference: c, current: e });
    expectRelative(r.statistic, 0.15, 1e-12);
    expectRelative(r.pValue, 0.6527113616318909, 1e-9);
  });

  it("keeps D in [0, 1] and p in [0, 1]; D = 0 and p = 1 for a sample against itself", () => {
    const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const r = ksTwoSample({ reference: x, current: y });
        expect(r.statistic).toBeGreaterThanOrEqual(0);
        expect(r.statistic).toBeLessThanOrEqual(1);
        expect(r.pValue).toBeGreaterThanOrEqual(0);
        expect(r.pValue).toBeLessThanOrEqual(1);
        expect(ksTwoSample({ reference: y, current: x }).statistic).toBe(r.statistic);
        expect(ksTwoSample({ reference: x, current: [...x].reverse() })).toEqual({ statistic: 0, pValue: 1 });
      }),
    );
  });
});

describe("PSI", () => {
  it("numeric: matches the independent NumPy computation over reference quantile bins", () => {
    const r = numericPsi({ reference: a, current: b });
    expect(r.edges).toEqual([1, 2, 3, 4, 5, 6, 7.1, 8.1, 9.1]);
    expectRelative(r.value, 0.7760349250063887, 1e-9);
  });

  it("categorical: a category seen only now counts through the epsilon share", () => {
    const reference = [...Array(50).fill("north"), ...Array(30).fill("south"), ...Array(20).fill("east")];
    const current = [
      ...Array(20).fill("north"),
      ...Array(30).fill("south"),
      ...Array(30).fill("east"),
      ...Array(20).fill("west"),
    ];
    const r = categoricalPsi({ reference, current });
    expect(r.categories).toEqual(["east", "north", "south", "west"]);
    expectRelative(r.value, 1.8348541320355252, 1e-9);
  });

  it("counts missing values in a bin of their own", () => {
    const reference = Array.from({ length: 100 }, (_, i) => i);
    const current = [...reference.slice(0, 50), ...Array<null>(50).fill(null)];
    expect(numericPsi({ reference, current }).value).toBeGreaterThan(0.25);
  });

  const counts = fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 12 });
  const pair = counts.chain((r) =>
    fc.tuple(fc.constant(r), fc.array(fc.nat({ max: 1000 }), { minLength: r.length, maxLength: r.length })),
  );
  const nonEmpty = ([r, c]: [number[], number[]]) => r.some((x) => x > 0) && c.some((x) => x > 0);

  it("is ≥ 0, symmetric in its windows, and 0 for identical or proportional counts", () => {
    fc.assert(
      fc.property(pair.filter(nonEmpty), fc.integer({ min: 1, max: 7 }), ([r, c], k) => {
        const psi = computePsi({ reference: r, current: c });
        expect(psi).toBeGreaterThanOrEqual(0);
        expect(Math.abs(psi - computePsi({ reference: c, current: r }))).toBeLessThan(1e-9 * (1 + psi));
        expect(computePsi({ reference: r, current: r.map((x) => x * k) })).toBeCloseTo(0, 12);
      }),
    );
  });

  it("grows as the current window moves further from the reference", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (shift) => {
        const base = Array.from({ length: 400 }, (_, i) => i % 100);
        const psi = (s: number) => numericPsi({ reference: base, current: base.map((x) => x + s) }).value;
        expect(psi(shift + 10)).toBeGreaterThanOrEqual(psi(shift) - 1e-12);
      }),
    );
  });

  it("refuses mismatched bins and empty windows", () => {
    expect(() => computePsi({ reference: [1, 2], current: [1] })).toThrow(RangeError);
    expect(() => computePsi({ reference: [0, 0], current: [1, 1] })).toThrow(RangeError);
  });
});

describe("quantileEdges", () => {
  it("gives strictly increasing edges above the minimum; every value has a bin", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 2, max: 20 }),
        (values, bins) => {
          const edges = quantileEdges(values, bins);
          expect(edges.length).toBeLessThan(bins);
          for (let i = 1; i < edges.length; i++) expect(edges[i]!).toBeGreaterThan(edges[i - 1]!);
          const min = Math.min(...values);
          for (const e of edges) expect(e).toBeGreaterThan(min);
          for (const v of values) {
            const bin = binOf(edges, v);
            if (bin > 0) expect(v).toBeGreaterThanOrEqual(edges[bin - 1]!);
            if (bin < edges.length) expect(v).toBeLessThan(edges[bin]!);
          }
        },
      ),
    );
  });
});

describe("compareRates", () => {
  it("matches scipy.stats.chi2_contingency(correction=False) and the NumPy PSI", () => {
    const r = compareRates({ reference: { events: 12, total: 400 }, current: { events: 45, total: 300 } });
    expectRelative(r.chiSquare, 33.003192273062126, 1e-9);
    expectRelative(r.pValue, 9.200767711770249e-9, 1e-7);
    expectRelative(r.psi, 0.20897971613365998, 1e-9);
    expect(r.referenceRate).toBe(0.03);
    expect(r.currentRate).toBe(0.15);
  });

  it("reads no failures in either window as no drift", () => {
    const r = compareRates({ reference: { events: 0, total: 100 }, current: { events: 0, total: 80 } });
    expect(r).toMatchObject({ chiSquare: 0, pValue: 1, psi: 0 });
  });

  it("refuses impossible counts", () => {
    expect(() =>
      compareRates({ reference: { events: 5, total: 4 }, current: { events: 0, total: 1 } }),
    ).toThrow(/reference/);
  });
});

describe("classifyDrift", () => {
  it("applies the documented bands, and lets an insignificant p-value veto", () => {
    expect(classifyDrift({ statistic: "psi", value: 0.05 })).toBe("ok");
    expect(classifyDrift({ statistic: "psi", value: 0.1 })).toBe("warn");
    expect(classifyDrift({ statistic: "psi", value: 0.25 })).toBe("alert");
    expect(classifyDrift({ statistic: "ks", value: 0.15, pValue: 0.001 })).toBe("warn");
    expect(classifyDrift({ statistic: "ks", value: 0.5, pValue: 0.2 })).toBe("ok");
    expect(classifyDrift({ statistic: "psi", value: 0.9, pValue: null })).toBe("alert");
  });
});
