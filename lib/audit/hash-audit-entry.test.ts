import { createHash, createHmac, hkdfSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/canonical-json";
import { auditChainSecret } from "@/lib/env";
import {
  GENESIS_HASH,
  type HashedAuditFields,
  entryMatchesHash,
  hashAuditEntry,
  isKeyedHash,
  legacyHashAuditEntry,
} from "./hash-audit-entry";

const fields: HashedAuditFields = {
  seq: 7,
  at: new Date("2026-01-02T03:04:05.678Z"),
  brandId: "00000000-0000-4000-8000-000000000001",
  actor: { type: "user", id: "u1" },
  action: "kit.publish",
  targetType: "kit_version",
  targetId: "k1",
  data: { note: "first" },
  prevHash: "a".repeat(64),
};

/** Every field the hash must cover, each with a different value. */
const edits: { [K in keyof HashedAuditFields]: HashedAuditFields[K] } = {
  seq: 8,
  at: new Date("2026-01-02T03:04:05.679Z"),
  brandId: null,
  actor: { type: "user", id: "u2" },
  action: "kit.save",
  targetType: "asset",
  targetId: "k2",
  data: { note: "second" },
  prevHash: "b".repeat(64),
};

describe("hashAuditEntry", () => {
  it("is keyed (v2), 64 hex after its prefix, and deterministic", () => {
    const hash = hashAuditEntry(fields);
    expect(isKeyedHash(hash)).toBe(true);
    expect(hash).toMatch(/^v2:[0-9a-f]{64}$/);
    expect(hashAuditEntry({ ...fields })).toBe(hash);
    expect(legacyHashAuditEntry(fields)).toMatch(/^[0-9a-f]{64}$/);
    expect(isKeyedHash(legacyHashAuditEntry(fields))).toBe(false);
  });

  // The chain is only a chain if each entry's hash covers the one before it: drop prevHash
  // from the hashed body and a row could be cut out or re-linked without a trace.
  it.each(Object.keys(edits) as (keyof HashedAuditFields)[])("covers %s, in both schemes", (field) => {
    const changed = { ...fields, [field]: edits[field] };
    expect(hashAuditEntry(changed)).not.toBe(hashAuditEntry(fields));
    expect(legacyHashAuditEntry(changed)).not.toBe(legacyHashAuditEntry(fields));
  });

  it("rejects an entry re-linked to another previous hash", () => {
    const hash = hashAuditEntry(fields);
    expect(entryMatchesHash({ ...fields, hash })).toBe(true);
    expect(entryMatchesHash({ ...fields, prevHash: GENESIS_HASH, hash })).toBe(false);
    const legacy = legacyHashAuditEntry(fields);
    expect(entryMatchesHash({ ...fields, hash: legacy })).toBe(true);
    expect(entryMatchesHash({ ...fields, prevHash: GENESIS_HASH, hash: legacy })).toBe(false);
    expect(entryMatchesHash({ ...fields, hash: hash.slice(0, -1) })).toBe(false);
  });

  // Stored chains must keep verifying: the genesis link, the HKDF salt and info and the body's
  // layout are part of the format, so they are written out here independently.
  it("hashes by the documented format, so a change to it shows", () => {
    expect(GENESIS_HASH).toBe("0".repeat(64));
    const first: HashedAuditFields = {
      seq: 1,
      at: new Date("2026-01-02T03:04:05.678Z"),
      brandId: null,
      actor: { type: "system" },
      action: "a",
      targetType: "t",
      targetId: "i",
      data: {},
      prevHash: GENESIS_HASH,
    };
    const body = (v: number) =>
      canonicalJson({ v, ...first, at: "2026-01-02T03:04:05.678Z", prevHash: "0".repeat(64) });
    const key = Buffer.from(hkdfSync("sha256", auditChainSecret(), "brandgate", "audit-chain/v2", 32));
    expect(hashAuditEntry(first)).toBe(`v2:${createHmac("sha256", key).update(body(2)).digest("hex")}`);
    expect(legacyHashAuditEntry(first)).toBe(createHash("sha256").update(body(1)).digest("hex"));
  });
});
