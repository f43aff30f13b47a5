import { authorize } from "@/lib/auth/authorize";
import {
  actorRecordOf,
  principalRefOf,
  userIdOf,
  type ActorRecord,
  type Principal,
  type PrincipalRef,
} from "@/lib/auth/principal";

/**
 * Who changes a brand's models (registers, moves labels, retires, rolls back), already
 * authorized for `models:write` on `brandId`: an admin signed in, or an API key with the
 * `models:write` scope (a CI pipeline). The principal, in the forms the registry records it.
 */
export interface ModelCaller {
  brandId: string;
  actor: ActorRecord;
  /** Recorded as the version's creator; null for API keys. */
  userId: string | null;
  /** Who the evaluation job runs as: re-authorized when it runs. */
  jobActor: PrincipalRef;
  /** How model_label_moves names the mover. */
  labelActor: string;
}

export function modelCallerOf(principal: Principal | null, brandId: string): ModelCaller {
  authorize(principal, "models:write", brandId);
  const p = principal!;
  return {
    brandId,
    actor: actorRecordOf(p),
    userId: userIdOf(p),
    jobActor: principalRefOf(p, brandId),
    labelActor: p.kind === "api-key" ? `key:${p.keyId}:${p.prefix}` : `user:${userIdOf(p)}`,
  };
}

/** Who may see which models a brand offers: any member, or a key with the `generate` scope. */
export interface ModelReader {
  brandId: string;
}

export function modelReaderOf(principal: Principal | null, brandId: string): ModelReader {
  authorize(principal, "brand:view", brandId);
  return { brandId };
}
