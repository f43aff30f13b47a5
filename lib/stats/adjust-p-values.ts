/**
 * Multiple-comparison adjusted p-values, returned in the input order.
 *
 * - holm: controls the family-wise error rate (Holm 1979): sorted ascending,
 *   p̃_(i) = max_{j ≤ i} min(1, (m − j + 1) p_(j)). Uniformly more powerful than Bonferroni.
 * - benjamini-hochberg: controls the false discovery rate under independence or positive
 *   dependence (Benjamini & Hochberg 1995): p̃_(i) = min_{j ≥ i} min(1, m p_(j) / j).
 *
 * Both equal R's `p.adjust(method = "holm" | "BH")`. Use holm where any false alarm costs
 * (guardrails), BH for a dashboard of secondary metrics.
 */
export type PValueAdjustment = "holm" | "benjamini-hochberg";

export interface AdjustPValuesOptions {
  pValues: readonly number[];
  method: PValueAdjustment;
}

export function adjustPValues({ pValues, method }: AdjustPValuesOptions): number[] {
  const m = pValues.length;
  // Stable sort by value keeps ties in input order, so the result is deterministic.
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const adjusted = new Array<number>(m);
  if (method === "holm") {
    let running = 0;
    order.forEach(({ p, i }, rank) => {
      running = Math.max(running, Math.min(1, (m - rank) * p));
      adjusted[i] = running;
    });
  } else {
    let running = 1;
    for (let rank = m - 1; rank >= 0; rank--) {
      const { p, i } = order[rank]!;
      // p · (m / rank) rather than (m · p) / rank: the factor is ≥ 1 exactly, so rounding never
      // pushes an adjusted value below its raw p.
      running = Math.min(running, Math.min(1, p * (m / (rank + 1))));
      adjusted[i] = running;
    }
  }
  return adjusted;
}
