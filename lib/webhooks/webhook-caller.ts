import type { KeyPrincipal } from "@/lib/api-keys/authenticate-key";
import { authorizeKey } from "@/lib/api-keys/authorize-key";
import type { AuditActor } from "@/lib/audit/append-audit";
import { auditActorOf } from "@/lib/audit/actor";
import { authorize } from "@/lib/auth/authorize";
import type { Session } from "@/lib/auth/types";

/**
 * Who manages a brand's webhooks, already authorized for `webhooks:manage` on `brandId`.
 * A session caller comes from `webhookCallerOf`, an API-key caller from `webhookCallerOfKey`;
 * both call the same `…For` functions.
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

/**
 * An API key managing its own brand's webhooks: 403 without the `webhooks` scope or for
 * another brand. The key is the audit actor; nobody is recorded as creator.
 */
export function webhookCallerOfKey(principal: KeyPrincipal, brandId: string): WebhookCaller {
  authorizeKey(principal, { scope: "webhooks", brandId });
  return { brandId, actor: { kind: "api_key", id: principal.keyId, prefix: principal.prefix }, userId: null };
}
