import { kolmogorovSf } from "./kolmogorov-sf";

export interface KsTwoSampleOptions {
  reference: readonly number[];
  current: readonly number[];
}

export interface KsTwoSampleResult {
  /** D = supₓ |F_ref(x) − F_cur(x)|, in [0, 1]. */
  statistic: number;
  /**
   * Two-sided, asymptotic: P(K > √(nm/(n+m))·D) under Kolmogorov's distribution, as
   * scipy.stats.ks_2samp(method="asymp") before SciPy 1.5 and kstwobign.sf. The windows here
   * hold hundreds to thousands of rows, where the exact distribution adds nothing.
   */
  pValue: number;
}

/** Two-sample Kolmogorov–Smirnov test. Non-finite values are dropped. */
export function ksTwoSample({ reference, current }: KsTwoSampleOptions): KsTwoSampleResult {
  const a = reference.filter(Number.isFinite).sort((x, y) => x - y);
  const b = current.filter(Number.isFinite).sort((x, y) => x - y);
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) throw new RangeError("KS needs observations in both windows");
  let i = 0;
  let j = 0;
  let d = 0;
  // Step both empirical CDFs past every copy of the next value before comparing, so ties
  // across the samples do not open a gap that is not there.
  while (i < n && j < m) {
    const x = Math.min(a[i]!, b[j]!);
    while (i < n && a[i] === x) i++;
    while (j < m && b[j] === x) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  const en = (n * m) / (n + m);
  return { statistic: d, pValue: kolmogorovSf(Math.sqrt(en) * d) };
}
