/**
 * The standard normal distribution. The CDF goes through the incomplete gamma function,
 * Φ(−z) = Q(1/2, z²/2) / 2, rather than a short erf approximation (Abramowitz–Stegun
 * 7.1.26 is only good to 1.5e-7 absolute, useless for p-values of 1e-6); the quantile is
 * Acklam's rational approximation (relative error 1.15e-9) polished by Halley steps
 * against that CDF, which brings it to machine precision.
 */
import { gammaQ } from "./incomplete-gamma";

const SQRT_TWO_PI = Math.sqrt(2 * Math.PI);

export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_TWO_PI;
}

/** P(Z ≤ z). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const tail = 0.5 * gammaQ(0.5, 0.5 * z * z);
  return z < 0 ? tail : 1 - tail;
}

/** P(Z > z), computed directly so upper tails keep their relative precision. */
export function normalSf(z: number): number {
  return normalCdf(-z);
}

// P. J. Acklam, "An algorithm for computing the inverse normal cumulative distribution
// function" (2003), coefficients as published.
const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function acklam(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
    (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1)
  );
}

/** z with P(Z ≤ z) = p. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  // Work in the lower half so Φ(x) − p is a difference of small, precise numbers.
  if (p > 0.5) return -normalQuantile(1 - p);
  let x = acklam(p);
  for (let i = 0; i < 2; i++) {
    const e = normalCdf(x) - p;
    const u = e * SQRT_TWO_PI * Math.exp(0.5 * x * x);
    // Beyond p ≈ 1e-300 exp overflows; Acklam's 1e-9 is then the best there is.
    if (!Number.isFinite(u)) break;
    x -= u / (1 + 0.5 * x * u);
  }
  return x;
}
