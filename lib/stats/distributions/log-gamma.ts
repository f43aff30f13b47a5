/**
 * ln Γ(x) for x > 0 by Stirling's asymptotic series, after shifting x up to ≥ 10 with
 * Γ(x) = Γ(x + k) / (x(x+1)…(x+k−1)). The series' coefficients are exact Bernoulli-number
 * ratios B₂ₙ / (2n(2n−1)) (Abramowitz–Stegun 6.1.40), so there is nothing to mistype, and
 * truncating after the x⁻¹³ term leaves an error below 1e-16 at x ≥ 10. Every other special
 * function here builds on this one, so it is where precision is won or lost.
 */
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
const SHIFT_TO = 10;

export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  let shift = 0;
  let product = 1;
  while (x < SHIFT_TO) {
    product *= x;
    x += 1;
    shift += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series =
    inv *
    (1 / 12 +
      inv2 *
        (-1 / 360 +
          inv2 * (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 / 156))))));
  const stirling = (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series;
  return shift === 0 ? stirling : stirling - Math.log(product);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}
