import { createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { canonicalJson } from "@/lib/canonical-json";
import { auditChainSecret } from "@/lib/env";

/** The previous hash of the first entry in the chain. */
export const GENESIS_HASH = "0".repeat(64);

/** How a keyed (v2) entry's hash is written; a bare 64-hex hash is a v1 (unkeyed) entry. */
export const KEYED_PREFIX = "v2:";

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

function body(version: 1 | 2, fields: HashedAuditFields): string {
  return canonicalJson({
    v: version,
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
}

let cachedKey: { secret: string; key: Buffer } | undefined;

/** HKDF of AUDIT_HMAC_KEY (or AUTH_SECRET): never in the database, so a rewrite there cannot re-sign. */
function key(): Buffer {
  const secret = auditChainSecret();
  if (cachedKey?.secret !== secret) {
    cachedKey = { secret, key: Buffer.from(hkdfSync("sha256", secret, "brandgate", "audit-chain/v2", 32)) };
  }
  return cachedKey.key;
}

/**
 * HMAC-SHA256 over the canonical JSON of an entry (scheme v2). The seq is covered, so moving a
 * row to another position breaks its hash; `at` is hashed as its ISO string, which the
 * column's millisecond precision gives back unchanged. The key lives outside the database:
 * with database access alone (even as a superuser that switches the triggers off) an edited
 * entry cannot be given a hash that verifies.
 */
export function hashAuditEntry(fields: HashedAuditFields): string {
  return KEYED_PREFIX + createHmac("sha256", key()).update(body(2, fields)).digest("hex");
}

/** Scheme v1, plain SHA-256: entries written before the chain was keyed. Anyone can compute it. */
export function legacyHashAuditEntry(fields: HashedAuditFields): string {
  return createHash("sha256").update(body(1, fields)).digest("hex");
}

export function isKeyedHash(hash: string): boolean {
  return hash.startsWith(KEYED_PREFIX);
}

/** Whether a stored entry matches its hash, in the scheme the hash says it was written in. */
export function entryMatchesHash(entry: HashedAuditFields & { hash: string }): boolean {
  const expected = isKeyedHash(entry.hash) ? hashAuditEntry(entry) : legacyHashAuditEntry(entry);
  const a = Buffer.from(expected);
  const b = Buffer.from(entry.hash);
  return a.length === b.length && timingSafeEqual(a, b);
}
