import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { auditHead } from "@/db/schema";
import { appendAudit } from "./append-audit";
import { isKeyedHash } from "./hash-audit-entry";

/**
 * Seals a chain written before it was keyed: one keyed entry appended after the unkeyed ones
 * commits to all of them (it covers the last one's hash), so from then on they cannot be
 * rewritten without the key either. Nothing to do on an empty or already keyed chain.
 */
export async function sealAuditChain(executor: Executor): Promise<boolean> {
  const [head] = await executor.select().from(auditHead).where(eq(auditHead.id, 1));
  if (!head || head.lastSeq === 0 || isKeyedHash(head.lastHash)) return false;
  await appendAudit(executor, {
    brandId: null,
    actor: { kind: "system", reason: "upgrade" },
    action: "audit.chain_keyed",
    target: { type: "audit_chain", id: String(head.lastSeq) },
    data: { sealedSeq: head.lastSeq, sealedHash: head.lastHash },
  });
  return true;
}
