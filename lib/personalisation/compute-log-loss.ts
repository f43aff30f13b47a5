/**
 * Mean binary cross-entropy of probabilities against 0/1 outcomes. Probabilities are
 * clamped to [1e-15, 1 - 1e-15] (as scikit-learn does), so one confident miss costs
 * about 34.5 instead of Infinity and the mean stays comparable between models.
 */
const EPSILON = 1e-15;

export function computeLogLoss(probabilities: ArrayLike<number>, outcomes: ArrayLike<number>): number {
  const n = probabilities.length;
  if (outcomes.length !== n) throw new RangeError("probabilities and outcomes differ in length");
  if (n === 0) return NaN;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(1 - EPSILON, Math.max(EPSILON, probabilities[i]!));
    total -= outcomes[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return total / n;
}
