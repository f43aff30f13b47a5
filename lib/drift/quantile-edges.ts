/**
 * Bin edges at the reference window's quantiles, so each bin holds about the same share of the
 * reference: e₁ < e₂ < … < eₖ split values into (-∞, e₁), [e₁, e₂), …, [eₖ, ∞), like the
 * personalisation feature buckets. Ties collapse: a feature with few distinct values gets
 * fewer bins rather than empty duplicates.
 *
 * The quantile is the lower order statistic (no interpolation): an edge is always a value
 * that occurs, so a discrete feature's bins fall between its values.
 */
export function quantileEdges(reference: readonly number[], bins = 10): number[] {
  if (!Number.isInteger(bins) || bins < 2) throw new RangeError("At least two bins are needed");
  const sorted = reference.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const edges: number[] = [];
  for (let q = 1; q < bins; q++) {
    const edge = sorted[Math.floor((q * sorted.length) / bins)]!;
    // An edge at the minimum would leave the first bin empty in the reference.
    if (edge > sorted[0]! && (edges.length === 0 || edge > edges[edges.length - 1]!)) edges.push(edge);
  }
  return edges;
}

/** The bin of `value` among `edges` (0 … edges.length), by binary search. */
export function binOf(edges: readonly number[], value: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value >= edges[mid]!) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
