/**
 * Interface of the audit log; the hash-chained implementation lands from the audit branch.
 * Until then this records nothing — do not ship it.
 */
import type { Executor } from "@/db/client";

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

export async function appendAudit(
  _executor: Executor,
  _input: AuditInput,
): Promise<{ seq: number; hash: string }> {
  return { seq: 0, hash: "" };
}
