/**
 * Composite Gauss–Legendre quadrature. The nodes and weights are computed once, at load, by
 * Newton's method on the Legendre polynomial (Numerical Recipes 3rd ed. §4.6, `gauleg`),
 * rather than pasted as a table of constants that nobody can proofread.
 */
const ORDER = 8;

function legendreRule(order: number): { nodes: number[]; weights: number[] } {
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= order; i++) {
    let z = Math.cos((Math.PI * (i - 0.25)) / (order + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 1; j <= order; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
      }
      derivative = (order * (z * p1 - p2)) / (z * z - 1);
      const previous = z;
      z = previous - p1 / derivative;
      if (Math.abs(z - previous) < 1e-15) break;
    }
    nodes.push(z);
    weights.push(2 / ((1 - z * z) * derivative * derivative));
  }
  return { nodes, weights };
}

const RULE = legendreRule(ORDER);

/** ∫ f over [lo, hi], split into `panels` equal panels of an 8-point rule (exact for degree 15 per panel). */
export function integrateGaussLegendre(
  f: (t: number) => number,
  lo: number,
  hi: number,
  panels: number,
): number {
  const width = (hi - lo) / panels;
  let total = 0;
  for (let p = 0; p < panels; p++) {
    const mid = lo + (p + 0.5) * width;
    let sum = 0;
    for (let k = 0; k < ORDER; k++) sum += RULE.weights[k]! * f(mid + 0.5 * width * RULE.nodes[k]!);
    total += 0.5 * width * sum;
  }
  return total;
}
