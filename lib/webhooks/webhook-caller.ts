import type { AuditActor } from "@/lib/audit/append-audit";
import { auditActorOf } from "@/lib/audit/actor";
import { authorize } from "@/lib/auth/authorize";
import type { Session } from "@/lib/auth/types";

/**
 * Who manages a brand's webhooks, already authorized for `webhooks:manage` on `brandId`.
 * A session caller comes from `webhookCallerOf`; an API-key caller builds one after its own
 * scope check, and calls the same `…For` functions.
 */
export interface WebhookCaller {
  brandId: string;
  actor: AuditActor;
  /** The user to record as creator; null for API keys. */
  userId: string | null;
}

export function webhookCallerOf(session: Session | null, brandId: string): WebhookCaller {
  authorize(session, "webhooks:manage", brandId);
  return { brandId, actor: auditActorOf(session!), userId: session!.user.id };
}
