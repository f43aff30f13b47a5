import { chiSquareSf } from "@/lib/stats/distributions/chi-square";
import { computePsi } from "./compute-psi";

export interface CompareRatesOptions {
  reference: { events: number; total: number };
  current: { events: number; total: number };
}

export interface CompareRatesResult {
  referenceRate: number;
  currentRate: number;
  /** PSI of the two-bin distribution (event, no event), judged on the same bands as features. */
  psi: number;
  /** Pearson's χ² of the 2×2 table, without continuity correction, and its p-value (1 df). */
  chiSquare: number;
  pValue: number;
}

/** How a rate (a check's failure rate) moved between the windows. */
export function compareRates({ reference, current }: CompareRatesOptions): CompareRatesResult {
  for (const [name, w] of [
    ["reference", reference],
    ["current", current],
  ] as const) {
    if (!(w.total > 0) || !(w.events >= 0) || w.events > w.total)
      throw new RangeError(`The ${name} window needs 0 ≤ events ≤ total and total > 0`);
  }
  const table = [
    [reference.events, reference.total - reference.events],
    [current.events, current.total - current.events],
  ];
  const total = reference.total + current.total;
  const columns = [table[0]![0]! + table[1]![0]!, table[0]![1]! + table[1]![1]!];
  let chiSquare = 0;
  for (let r = 0; r < 2; r++) {
    const rowTotal = r === 0 ? reference.total : current.total;
    for (let c = 0; c < 2; c++) {
      const expected = (rowTotal * columns[c]!) / total;
      // A column with no observations at all (no failures anywhere) carries no evidence.
      if (expected > 0) chiSquare += (table[r]![c]! - expected) ** 2 / expected;
    }
  }
  return {
    referenceRate: reference.events / reference.total,
    currentRate: current.events / current.total,
    psi: computePsi({ reference: table[0]!, current: table[1]! }),
    chiSquare,
    pValue: columns.includes(0) ? 1 : chiSquareSf(chiSquare, 1),
  };
}
