import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { auditEntries, auditHead } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { hashAuditEntry } from "./hash-audit-entry";

export type AuditActor =
  | { kind: "user"; id: string; email?: string }
  | { kind: "api_key"; id: string; prefix: string }
  | { kind: "system"; reason?: string };

export interface AuditInput {
  brandId: string | null;
  actor: AuditActor;
  action: string;
  target: { type: string; id: string };
  data?: Record<string, unknown>;
}

/**
 * Appends one entry to the hash chain. Call it with the transaction that makes the change,
 * so the entry commits (or rolls back) with it; given the pool, it opens its own.
 *
 * The head row stays locked until that transaction ends: audited changes commit one at a
 * time, which is the price of a single unbroken chain. Keep audited transactions short.
 */
export async function appendAudit(
  executor: Executor,
  input: AuditInput,
): Promise<{ seq: number; hash: string }> {
  // Round-trip through JSON so what is hashed is exactly what jsonb stores and gives back
  // (Dates become strings, undefined members disappear).
  const actor = jsonClone(input.actor);
  const data = jsonClone(input.data ?? {});
  // On a transaction this is a savepoint; on the pool, a transaction of its own.
  return executor.transaction(async (tx) => {
    const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for("update");
    if (!head) throw new AppError("internal", "The audit log has no head row; run the migrations");
    const entry = {
      seq: head.lastSeq + 1,
      at: new Date(),
      brandId: input.brandId,
      actor,
      action: input.action,
      targetType: input.target.type,
      targetId: input.target.id,
      data,
      prevHash: head.lastHash,
    };
    const hash = hashAuditEntry(entry);
    await tx.insert(auditEntries).values({ ...entry, hash });
    await tx.update(auditHead).set({ lastSeq: entry.seq, lastHash: hash }).where(eq(auditHead.id, 1));
    return { seq: entry.seq, hash };
  });
}

function jsonClone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
