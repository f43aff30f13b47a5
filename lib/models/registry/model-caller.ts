import type { KeyPrincipal } from "@/lib/api-keys/authenticate-key";
import { authorizeKey } from "@/lib/api-keys/authorize-key";
import type { AuditActor } from "@/lib/audit/append-audit";
import { auditActorOf } from "@/lib/audit/actor";
import { authorize } from "@/lib/auth/authorize";
import type { Session } from "@/lib/auth/types";
import type { JobActor } from "@/lib/jobs/contracts";

/**
 * Who changes a brand's models (registers, moves labels, retires, rolls back), already
 * authorized for `models:write` on `brandId`: an admin's session (`modelCallerOf`) or an API
 * key with the `models:write` scope (`modelCallerOfKey`, a CI pipeline). Both call the same
 * `…For` functions.
 */
export interface ModelCaller {
  brandId: string;
  actor: AuditActor;
  /** Recorded as the version's creator; null for API keys. */
  userId: string | null;
  /** Who the evaluation job runs as: re-authorized when it runs. */
  jobActor: JobActor;
  /** How model_label_moves names the mover. */
  labelActor: string;
}

export function modelCallerOf(session: Session | null, brandId: string): ModelCaller {
  authorize(session, "models:write", brandId);
  const userId = session!.user.id;
  return {
    brandId,
    actor: auditActorOf(session!),
    userId,
    jobActor: { kind: "user", userId, brandId },
    labelActor: `user:${userId}`,
  };
}

export function modelCallerOfKey(principal: KeyPrincipal, brandId: string): ModelCaller {
  authorizeKey(principal, { scope: "models:write", brandId });
  return {
    brandId,
    actor: { kind: "api_key", id: principal.keyId, prefix: principal.prefix },
    userId: null,
    jobActor: { kind: "api_key", keyId: principal.keyId, brandId },
    labelActor: `key:${principal.keyId}:${principal.prefix}`,
  };
}

/** Who may see which models a brand offers: any member, or a key with the `generate` scope. */
export interface ModelReader {
  brandId: string;
}

export function modelReaderOf(session: Session | null, brandId: string): ModelReader {
  authorize(session, "brand:view", brandId);
  return { brandId };
}

export function modelReaderOfKey(principal: KeyPrincipal, brandId: string): ModelReader {
  authorizeKey(principal, { scope: "generate", brandId });
  return { brandId };
}
