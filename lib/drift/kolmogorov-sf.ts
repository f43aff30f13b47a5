/**
 * P(K > λ) for Kolmogorov's limiting distribution of √n·D (scipy.stats.kstwobign.sf).
 *
 * Two series, each where it converges in a few terms and returns the small quantity directly:
 *   λ ≥ 1:  Q(λ) = 2 Σₖ₌₁ (−1)ᵏ⁻¹ exp(−2k²λ²)                      (the upper tail)
 *   λ < 1:  P(λ) = √(2π)/λ · Σₖ₌₁ exp(−(2k−1)²π² / (8λ²)), Q = 1 − P  (the lower tail)
 * (Marsaglia, Tsang & Wang 2003; Numerical Recipes 3rd ed. §6.14.12.)
 */
export function kolmogorovSf(lambda: number): number {
  if (Number.isNaN(lambda)) return Number.NaN;
  if (lambda <= 0) return 1;
  if (lambda >= 1) {
    let sum = 0;
    for (let k = 1; k <= 100; k++) {
      const term = Math.exp(-2 * k * k * lambda * lambda);
      sum += k % 2 === 1 ? term : -term;
      if (term < 1e-17 * Math.abs(sum)) break;
    }
    return Math.min(1, Math.max(0, 2 * sum));
  }
  const a = (Math.PI * Math.PI) / (8 * lambda * lambda);
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-(2 * k - 1) * (2 * k - 1) * a);
    sum += term;
    if (term < 1e-17 * sum || term === 0) break;
  }
  return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum));
}
