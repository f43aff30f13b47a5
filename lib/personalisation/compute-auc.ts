/**
 * Area under the ROC curve: the probability that a random positive outscores a random
 * negative, counting ties as half (Mann–Whitney U with average ranks). Tied scores are
 * common here: every exposure of the same audience to the same variant scores the same.
 */
export function computeAuc(scores: ArrayLike<number>, outcomes: ArrayLike<number>): number | null {
  const n = scores.length;
  if (outcomes.length !== n) throw new RangeError("scores and outcomes differ in length");
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && scores[order[end]!] === scores[order[start]!]) end++;
    // Ranks start..end-1 (0-based) share their average, 1-based.
    const averageRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) {
      if (outcomes[order[k]!] === 1) {
        positives++;
        positiveRankSum += averageRank;
      }
    }
    start = end;
  }
  const negatives = n - positives;
  // With one class only, no positive–negative pair exists and AUC is undefined.
  if (positives === 0 || negatives === 0) return null;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
