import { computePsi } from "./compute-psi";
import { binOf, quantileEdges } from "./quantile-edges";

export interface NumericPsiOptions {
  reference: readonly (number | null)[];
  current: readonly (number | null)[];
  /** Quantile bins of the reference window; fewer when values tie. */
  bins?: number;
}

/**
 * PSI of a numeric feature over the reference window's quantile bins, plus one bin for missing
 * values (null or NaN), so a feature that starts arriving empty drifts too.
 */
export function numericPsi({ reference, current, bins = 10 }: NumericPsiOptions): {
  value: number;
  edges: number[];
} {
  const edges = quantileEdges(
    reference.filter((v): v is number => v !== null && Number.isFinite(v)),
    bins,
  );
  return {
    value: computePsi({ reference: histogram(edges, reference), current: histogram(edges, current) }),
    edges,
  };
}

function histogram(edges: readonly number[], values: readonly (number | null)[]): number[] {
  const counts = new Array<number>(edges.length + 2).fill(0);
  const missing = edges.length + 1;
  for (const v of values) counts[v === null || !Number.isFinite(v) ? missing : binOf(edges, v)]!++;
  return counts;
}
