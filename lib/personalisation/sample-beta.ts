/**
 * Gamma and Beta variates from a seedable RNG, for Thompson sampling.
 */
import type { Rng } from "@/lib/stats/create-rng";

/**
 * Gamma(shape, 1) by Marsaglia and Tsang (2000), "A simple method for generating gamma
 * variables": a squeezed rejection sampler on a transformed normal that accepts ~98% of
 * proposals for shape ≥ 1. For shape < 1 it samples Gamma(shape + 1) and scales by
 * U^(1/shape), the authors' own boost.
 */
export function sampleGamma(rng: Rng, shape: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) throw new RangeError(`Gamma shape must be > 0, got ${shape}`);
  if (shape < 1) {
    // 1 - next() lies in (0, 1], so the power never sees 0.
    return sampleGamma(rng, shape + 1) * Math.pow(1 - rng.next(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    // The cheap squeeze accepts most proposals without evaluating a logarithm.
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(alpha, beta) as X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta). */
export function sampleBeta(rng: Rng, alpha: number, beta: number): number {
  const x = sampleGamma(rng, alpha);
  const y = sampleGamma(rng, beta);
  return x / (x + y);
}
