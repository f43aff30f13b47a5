/**
 * Stands in for an empty bin's share. Without it one bin that is empty in either window makes
 * PSI infinite; 1e-4 keeps such a bin's contribution finite but large (0.01 share against
 * 1e-4 contributes about 0.046), so it still counts.
 */
export const PSI_EPSILON = 1e-4;

export interface ComputePsiOptions {
  /** Counts per bin in the reference window. */
  reference: readonly number[];
  /** Counts per bin in the current window, bin for bin. */
  current: readonly number[];
  epsilon?: number;
}

/**
 * Population stability index: Σ (cᵢ − rᵢ) · ln(cᵢ / rᵢ) over the bins' shares. Each term is
 * ≥ 0 (both factors share a sign), so PSI is ≥ 0, 0 only for equal shares, and symmetric in
 * its two windows (it is the symmetrised Kullback–Leibler divergence).
 */
export function computePsi({ reference, current, epsilon = PSI_EPSILON }: ComputePsiOptions): number {
  if (reference.length !== current.length) throw new RangeError("PSI needs the same bins in both windows");
  const refTotal = sum(reference);
  const curTotal = sum(current);
  if (refTotal <= 0 || curTotal <= 0) throw new RangeError("PSI needs observations in both windows");
  let psi = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = Math.max(reference[i]! / refTotal, epsilon);
    const c = Math.max(current[i]! / curTotal, epsilon);
    psi += (c - r) * Math.log(c / r);
  }
  return psi;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError("Bin counts must be finite and ≥ 0");
    total += v;
  }
  return total;
}
