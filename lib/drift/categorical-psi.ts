import { computePsi } from "./compute-psi";

export interface CategoricalPsiOptions {
  reference: readonly string[];
  current: readonly string[];
}

/**
 * PSI over categories: every value seen in either window is a bin, so a category that appears
 * only now (a new region, a new device) counts as drift through the epsilon share.
 */
export function categoricalPsi({ reference, current }: CategoricalPsiOptions): {
  value: number;
  categories: string[];
} {
  const categories = [...new Set([...reference, ...current])].sort();
  const index = new Map(categories.map((c, i) => [c, i]));
  const count = (values: readonly string[]) => {
    const counts = new Array<number>(categories.length).fill(0);
    for (const v of values) counts[index.get(v)!]!++;
    return counts;
  };
  return { value: computePsi({ reference: count(reference), current: count(current) }), categories };
}
