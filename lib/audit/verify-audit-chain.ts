import { asc, eq, gt } from "drizzle-orm";
import type { Executor, Tx } from "@/db/client";
import { auditEntries, auditHead } from "@/db/schema";
import { db } from "@/lib/db";
import { GENESIS_HASH, entryMatchesHash, isKeyedHash } from "./hash-audit-entry";

export type VerifyAuditResult =
  { ok: true; checked: number } | { ok: false; checked: number; firstBrokenSeq: number; reason: string };

export interface VerifyAuditOptions {
  /** Entries read per query; the walk never holds more than this many in memory. */
  batchSize?: number;
}

/**
 * Walks the whole chain in seq order and recomputes every hash and link, then compares the
 * end with the head row. Reports the first entry that is edited, missing, out of place or
 * forged.
 *
 * Entries from before the chain was keyed (v1, plain SHA-256) still verify, but only as a
 * prefix: once a keyed (v2) entry appears every later one must be keyed, and a non-empty chain
 * must end in a keyed entry (prepareDatabase appends one to seal an old chain). So rewriting
 * and re-chaining with plain SHA-256 — from any point, or the whole log — is caught without
 * the key, which lives outside the database. On the pool it reads one snapshot (repeatable read), so appends made meanwhile
 * are neither half-seen nor mistaken for forgeries; on a transaction it reads through it.
 */
export async function verifyAuditChain(
  executor: Executor = db(),
  options: VerifyAuditOptions = {},
): Promise<VerifyAuditResult> {
  const batchSize = options.batchSize ?? 1000;
  if ("$client" in executor) {
    return executor.transaction((tx) => walk(tx, batchSize), {
      isolationLevel: "repeatable read",
      accessMode: "read only",
    });
  }
  return walk(executor, batchSize);
}

async function walk(tx: Tx, batchSize: number): Promise<VerifyAuditResult> {
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1));
  if (!head) return { ok: false, checked: 0, firstBrokenSeq: 1, reason: "the audit head row is missing" };
  let checked = 0;
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let after = Number.MIN_SAFE_INTEGER;
  let sawKeyed = false;
  const broken = (firstBrokenSeq: number, reason: string): VerifyAuditResult => ({
    ok: false,
    checked,
    firstBrokenSeq,
    reason,
  });
  for (;;) {
    const rows = await tx
      .select()
      .from(auditEntries)
      .where(gt(auditEntries.seq, after))
      .orderBy(asc(auditEntries.seq))
      .limit(batchSize);
    for (const row of rows) {
      if (row.seq > head.lastSeq) {
        return broken(
          row.seq,
          `entry ${row.seq} lies beyond the head (${head.lastSeq}): it was not appended`,
        );
      }
      if (row.seq < expected) return broken(row.seq, `entry ${row.seq} is out of sequence`);
      if (row.seq > expected) {
        return broken(expected, `entry ${expected} is missing (the next entry is ${row.seq})`);
      }
      const keyed = isKeyedHash(row.hash);
      if (sawKeyed && !keyed) {
        return broken(row.seq, `entry ${row.seq} is not keyed but follows keyed entries: it was rewritten`);
      }
      sawKeyed ||= keyed;
      if (!entryMatchesHash(row)) {
        return broken(row.seq, `entry ${row.seq} does not match its hash: it was changed or moved`);
      }
      if (row.prevHash !== prevHash) {
        return broken(row.seq, `entry ${row.seq} does not link to entry ${row.seq - 1}`);
      }
      prevHash = row.hash;
      expected += 1;
      checked += 1;
    }
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1]!.seq;
  }
  if (head.lastSeq >= expected) {
    return broken(expected, `entry ${expected} is missing: the head says the chain ends at ${head.lastSeq}`);
  }
  if (head.lastHash !== prevHash) {
    return broken(head.lastSeq, `the head's hash does not match entry ${head.lastSeq}`);
  }
  if (checked > 0 && !sawKeyed) {
    return broken(
      1,
      "no entry is keyed: the chain could have been rewritten with database access alone (a start or `npm run db:migrate` seals it)",
    );
  }
  return { ok: true, checked };
}
