import { createHash } from "node:crypto";

/**
 * Whether a call falls in the brand's review sample. Deterministic by request id (the first
 * 32 bits of its SHA-256 as a fraction of 2^32), so a rate of 1 takes every call, 0 none,
 * and a retried request lands on the same side.
 */
export function sampledForReview(requestId: string, rate: number): boolean {
  if (rate <= 0) return false;
  if (rate >= 1) return true;
  const fraction = createHash("sha256").update(requestId).digest().readUInt32BE(0) / 2 ** 32;
  return fraction < rate;
}
