/**
 * Maps a tuple of strings to a uniform number in (0, 1). The generation path, the content
 * API and training splits all call this, so it depends on nothing but `node:crypto`.
 *
 * Why SHA-256 rather than a faster non-cryptographic hash: its output is uniform for any
 * input (no weak keys such as sequential ids), it is the same in every language, and
 * PostgreSQL has `sha256()`, so an analysis query can recompute an assignment in SQL:
 *   ((('x' || substr(encode(sha256(convert_to(<prefixed parts>, 'UTF8')), 'hex'), 1, 13))::bit(52)::bigint) + 0.5) / 2^52
 * where each part is prefixed by `octet_length(part) || ':'`. One call costs about two
 * microseconds, which is noise next to a generation.
 */
import { createHash } from "node:crypto";

const TWO_POW_52 = 2 ** 52;

/**
 * The first 52 bits of SHA-256 over the length-prefixed parts, as `(n + 0.5) / 2^52`.
 * UTF-8 byte-length prefixes keep `("a:b", "c")` and `("a", "b:c")` apart; 52 bits fit a double
 * exactly; the half offset keeps the result strictly inside (0, 1) so `-ln(u)` is finite.
 */
export function hashToUnitInterval(parts: readonly string[]): number {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${Buffer.byteLength(part)}:${part}`);
  const digest = hash.digest();
  const high = digest.readUInt32BE(0);
  const low = digest.readUInt32BE(4) >>> 12;
  return (high * 2 ** 20 + low + 0.5) / TWO_POW_52;
}
