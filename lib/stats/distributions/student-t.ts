/**
 * Student's t distribution through the incomplete beta function (Numerical Recipes 3rd ed.
 * §6.14): P(|T| > t) = I_{ν/(ν+t²)}(ν/2, 1/2). The quantile inverts the CDF by Newton steps
 * kept inside a bisection bracket, because a plain Newton from the normal quantile overshoots
 * for ν of 1 or 2, where the tails are heavy.
 */
import { incompleteBeta } from "./incomplete-beta";
import { logBeta } from "./log-gamma";
import { normalCdf, normalPdf, normalQuantile } from "./normal";

export function studentTPdf(t: number, df: number): number {
  if (!Number.isFinite(df)) return normalPdf(t);
  return Math.exp(-((df + 1) / 2) * Math.log1p((t * t) / df) - 0.5 * Math.log(df) - logBeta(df / 2, 0.5));
}

/** P(T ≤ t) for T ~ t(df), df > 0 and not necessarily whole (Welch's df is not); df = ∞ is the normal. */
export function studentTCdf(t: number, df: number): number {
  if (!Number.isFinite(df)) return normalCdf(t);
  if (Number.isNaN(t)) return NaN;
  const tail = 0.5 * incompleteBeta(df / 2, 0.5, df / (df + t * t));
  return t < 0 ? tail : 1 - tail;
}

/** t with P(T ≤ t) = p. */
export function studentTQuantile(p: number, df: number): number {
  if (!Number.isFinite(df)) return normalQuantile(p);
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  if (p > 0.5) return -studentTQuantile(1 - p, df);
  // Lower half: the root lies in [lo, 0] once lo is pushed far enough into the tail.
  let lo = -1;
  while (studentTCdf(lo, df) > p) lo *= 2;
  let hi = 0;
  let x = Math.min(Math.max(normalQuantile(p), lo), hi);
  for (let i = 0; i < 200; i++) {
    const f = studentTCdf(x, df) - p;
    if (f > 0) hi = x;
    else lo = x;
    let next = x - f / studentTPdf(x, df);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 1e-14 * Math.max(1, Math.abs(x))) return next;
    x = next;
  }
  return x;
}
