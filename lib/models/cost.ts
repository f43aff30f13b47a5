/**
 * Money is integer micro-dollars (USD × 10⁶), one currency. A version's price is US dollars
 * per million tokens, which is exactly micro-dollars per token, so a call's cost is
 * `tokensIn × input price + tokensOut × output price` micro-dollars, rounded up to a whole
 * one (a budget errs towards stopping early, never late).
 */
export interface VersionPrices {
  /** USD per million prompt tokens; null when the version has no price (self-hosted). */
  inputPerMillion: number | null;
  outputPerMillion: number | null;
}

export const UNPRICED: VersionPrices = { inputPerMillion: null, outputPerMillion: null };

export function isPriced(prices: VersionPrices): boolean {
  return prices.inputPerMillion !== null || prices.outputPerMillion !== null;
}

/** Micro-dollars of one call; an unpriced version costs 0. */
export function costMicroUsd(
  prices: VersionPrices,
  tokensIn: number | null,
  tokensOut: number | null,
): number {
  const raw =
    (tokensIn ?? 0) * (prices.inputPerMillion ?? 0) + (tokensOut ?? 0) * (prices.outputPerMillion ?? 0);
  // Rounded to a thousandth first, so float noise (0.15 × 100 = 15.000000000000002) does not round up.
  return Math.ceil(Math.round(raw * 1000) / 1000);
}

/** Micro-dollars as a dollar string with six decimals, e.g. 1500 → "0.001500". */
export function formatUsd(micro: number): string {
  const sign = micro < 0 ? "-" : "";
  const abs = Math.abs(micro);
  return `${sign}${Math.floor(abs / 1_000_000)}.${String(abs % 1_000_000).padStart(6, "0")}`;
}

/** What a call's attempts cost together (each priced when recorded). */
export function attemptsCost(attempts: readonly { costMicroUsd?: number }[]): number {
  return attempts.reduce((sum, a) => sum + (a.costMicroUsd ?? 0), 0);
}
