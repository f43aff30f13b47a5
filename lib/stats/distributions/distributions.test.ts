/**
 * Reference values: SciPy 1.17.1 (Python 3, this machine), printed with repr(float(...)):
 *   stats.norm.cdf / sf / ppf, stats.chi2.sf, stats.t.cdf / ppf, special.betainc, special.gammaln.
 * The task asks for 1e-4; these are held to a relative 1e-9 because a p-value of 1e-8 with
 * an absolute 1e-4 error would be no check at all.
 */
import { describe, expect, it } from "vitest";
import { chiSquareSf } from "./chi-square";
import { incompleteBeta } from "./incomplete-beta";
import { logGamma } from "./log-gamma";
import { normalCdf, normalQuantile, normalSf } from "./normal";
import { studentTCdf, studentTQuantile } from "./student-t";

function expectRelative(actual: number, expected: number, tolerance = 1e-9) {
  const scale = Math.max(Math.abs(expected), 1e-300);
  expect(Math.abs(actual - expected) / scale, `${actual} vs ${expected}`).toBeLessThan(tolerance);
}

describe("normal", () => {
  it("matches scipy.stats.norm.cdf, including the far tail", () => {
    const cases: [number, number][] = [
      [-8, 6.22096057427174e-16],
      [-5, 2.866515718791933e-7],
      [-3.2, 0.0006871379379158471],
      [-1, 0.15865525393145707],
      [0, 0.5],
      [0.5, 0.6914624612740131],
      [1.96, 0.9750021048517795],
      [4, 0.9999683287581669],
    ];
    for (const [z, p] of cases) expectRelative(normalCdf(z), p);
    expectRelative(normalSf(6), 9.865876450376946e-10);
    expectRelative(normalSf(10), 7.61985302416047e-24);
  });

  it("matches scipy.stats.norm.ppf", () => {
    const cases: [number, number][] = [
      [1e-10, -6.361340902404056],
      [1e-4, -3.7190164854556804],
      [0.01, -2.3263478740408408],
      [0.025, -1.9599639845400545],
      [0.3, -0.5244005127080409],
      [0.975, 1.959963984540054],
      [0.999999, 4.753424308817087],
    ];
    for (const [p, z] of cases) expectRelative(normalQuantile(p), z);
    expect(normalQuantile(0.5)).toBe(0);
    expect(Number.isFinite(normalQuantile(1e-320))).toBe(true);
  });
});

describe("chi-square", () => {
  it("matches scipy.stats.chi2.sf", () => {
    const cases: [number, number, number][] = [
      [3.84, 1, 0.05004352124870519],
      [32, 1, 1.5417257900280013e-8],
      [10, 4, 0.04042768199451279],
      [0.5, 2, 0.7788007830714049],
      [100, 60, 0.0009168288614560842],
      [150, 100, 0.0009039320423540184],
    ];
    for (const [x, df, p] of cases) expectRelative(chiSquareSf(x, df), p);
  });
});

describe("student t", () => {
  it("matches scipy.stats.t.cdf for whole and fractional df", () => {
    const cases: [number, number, number][] = [
      [-2, 1, 0.14758361765043326],
      [1.5, 2.5, 0.8760817734568519],
      [-3, 10, 0.006671827511284785],
      [2.2, 37.3, 0.9829609796763157],
      [-4, 1000, 3.400495960439082e-5],
    ];
    for (const [t, df, p] of cases) expectRelative(studentTCdf(t, df), p);
  });

  it("matches scipy.stats.t.ppf", () => {
    const cases: [number, number, number][] = [
      [0.975, 1, 12.706204736174694],
      [0.975, 2, 4.302652729749462],
      [0.025, 7.5, -2.3330396268649745],
      [0.995, 30, 2.7499956535672254],
      [0.9995, 3, 12.923978636687961],
    ];
    for (const [p, df, t] of cases) expectRelative(studentTQuantile(p, df), t);
  });
});

describe("incomplete beta and log gamma", () => {
  it("matches scipy.special.betainc, up to counts in the tens of thousands", () => {
    const cases: [number, number, number, number][] = [
      [2, 3, 0.4, 0.5247999999999999],
      [0.5, 0.5, 0.1, 0.20483276469913345],
      [101, 901, 0.1, 0.4776025977909441],
      [10001, 90001, 0.1002, 0.5812434755362261],
      [3000, 70000, 0.04, 0.0669710219306986],
    ];
    // Large-argument cases lose a few digits to ln Γ of ~1e5; still far inside 1e-4.
    for (const [a, b, x, p] of cases) expectRelative(incompleteBeta(a, b, x), p, 1e-7);
  });

  it("matches scipy.special.gammaln", () => {
    const cases: [number, number][] = [
      [0.1, 2.252712651734206],
      [0.5, 0.5723649429247],
      [3.7, 1.428072326665388],
      [100, 359.1342053695754],
      [1e6, 12815504.569147611],
    ];
    for (const [x, v] of cases) expectRelative(logGamma(x), v, 1e-12);
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
  });
});
