import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/canonical-json";

/** The previous hash of the first entry in the chain. */
export const GENESIS_HASH = "0".repeat(64);

/** The fields an entry's hash covers: every column but the hash itself. */
export interface HashedAuditFields {
  seq: number;
  at: Date;
  brandId: string | null;
  actor: unknown;
  action: string;
  targetType: string;
  targetId: string;
  data: unknown;
  prevHash: string;
}

/**
 * SHA-256 over the canonical JSON of an entry. The seq is covered, so moving a row to
 * another position breaks its hash; `at` is hashed as its ISO string, which the column's
 * millisecond precision gives back unchanged.
 */
export function hashAuditEntry(fields: HashedAuditFields): string {
  const body = canonicalJson({
    v: 1,
    seq: fields.seq,
    at: fields.at.toISOString(),
    brandId: fields.brandId,
    actor: fields.actor,
    action: fields.action,
    targetType: fields.targetType,
    targetId: fields.targetId,
    data: fields.data,
    prevHash: fields.prevHash,
  });
  return createHash("sha256").update(body).digest("hex");
}
