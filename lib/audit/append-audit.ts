import { eq } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Executor, Tx } from "@/db/client";
import { auditEntries, auditHead } from "@/db/schema";
import { actorRecordOf, type ActorRecord, type Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { hashAuditEntry } from "./hash-audit-entry";

export interface AuditInput {
  brandId: string | null;
  /** Who acted: the principal itself, or its record where no live principal is at hand. */
  actor: Principal | ActorRecord;
  action: string;
  target: { type: string; id: string };
  data?: Record<string, unknown>;
}

/**
 * Appends one entry to the hash chain. Call it with the transaction that makes the change,
 * so the entry commits (or rolls back) with it; given the pool, it opens its own.
 *
 * The head row stays locked until that transaction ends: audited changes commit one at a
 * time, which is the price of a single unbroken chain. Keep audited transactions short, and
 * append last, just before the commit (appendAudits takes several entries in one go).
 */
export async function appendAudit(
  executor: Executor,
  input: AuditInput,
): Promise<{ seq: number; hash: string }> {
  return (await appendAudits(executor, [input]))[0]!;
}

/**
 * Appends entries to the hash chain in their order, under one lock of the head, in one insert.
 * The head advances one entry at a time (a trigger refuses any other move: migration 0004),
 * so it is still updated once per entry.
 */
export async function appendAudits(
  executor: Executor,
  inputs: AuditInput[],
): Promise<{ seq: number; hash: string }[]> {
  if (inputs.length === 0) return [];
  // In the caller's transaction as it is (a savepoint would be one more round trip with the
  // head locked); on the pool, a transaction of its own.
  if (executor instanceof PgTransaction) return append(executor, inputs);
  return executor.transaction((tx) => append(tx, inputs));
}

async function append(tx: Tx, inputs: AuditInput[]): Promise<{ seq: number; hash: string }[]> {
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for("update");
  if (!head) throw new AppError("internal", "The audit log has no head row; run the migrations");
  let { lastSeq: seq, lastHash: prevHash } = head;
  const rows = inputs.map((input) => {
    const entry = {
      seq: ++seq,
      at: new Date(),
      brandId: input.brandId,
      // Round-trip through JSON so what is hashed is exactly what jsonb stores and gives back
      // (Dates become strings, undefined members disappear).
      actor: jsonClone(actorRecordOf(input.actor)),
      action: input.action,
      targetType: input.target.type,
      targetId: input.target.id,
      data: jsonClone(input.data ?? {}),
      prevHash,
    };
    prevHash = hashAuditEntry(entry);
    return { ...entry, hash: prevHash };
  });
  await tx.insert(auditEntries).values(rows);
  for (const row of rows)
    await tx.update(auditHead).set({ lastSeq: row.seq, lastHash: row.hash }).where(eq(auditHead.id, 1));
  return rows.map((r) => ({ seq: r.seq, hash: r.hash }));
}

function jsonClone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
