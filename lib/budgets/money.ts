import { z } from "zod";

/**
 * Dollars as a decimal string with at most six places ("12.5", "0.000150"): money crosses the
 * API as text so that no float ever rounds it; stored as integer micro-dollars.
 */
export const usdAmount = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,6})?$/, 'A dollar amount such as "250" or "12.50" (at most six decimals)');

export function usdToMicro(usd: string): number {
  const [whole, frac = ""] = usd.split(".");
  return Number(whole) * 1_000_000 + Number(frac.padEnd(6, "0"));
}
