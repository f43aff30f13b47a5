/**
 * A value's 95% display band, cut to the range the metric can take: a rate lies in [0, 1] and
 * every mean Brandgate measures (latency, tokens, scores, seconds, dollars) is ≥ 0. The normal
 * approximation alone draws a band below 0% for a rate near zero, which reads as a possible
 * negative error rate.
 */
export function displayBand(
  kind: "proportion" | "mean",
  value: number,
  half: number,
): { lower: number; upper: number } {
  const upperBound = kind === "proportion" ? 1 : Infinity;
  return { lower: Math.max(0, value - half), upper: Math.min(upperBound, value + half) };
}
