import type { KeyPrincipal } from "@/lib/api-keys/authenticate-key";
import { authorizeKey } from "@/lib/api-keys/authorize-key";
import { authorize } from "@/lib/auth/authorize";
import type { Permission } from "@/lib/auth/permissions";
import type { Session } from "@/lib/auth/types";
import type { JobActor } from "@/lib/jobs/contracts";

/**
 * Who asks for or reads a brand's generations, already authorized on `brandId`: a signed-in
 * user, or an API key acting as a principal of its own (never as a stand-in user). The
 * `…For` functions take one; the job it queues runs as `actor`, re-checked when it runs.
 */
export interface GenerationCaller {
  brandId: string;
  actor: Exclude<JobActor, { kind: "system" }>;
  /** The user to record as the generation's author; null for an API key. */
  createdBy: string | null;
  apiKeyId: string | null;
}

export function generationCallerOf(
  session: Session | null,
  brandId: string,
  permission: Extract<Permission, "studio:use" | "library:view">,
): GenerationCaller {
  authorize(session, permission, brandId);
  const userId = session!.user.id;
  return { brandId, actor: { kind: "user", userId, brandId }, createdBy: userId, apiKeyId: null };
}

/** A key with the `generate` scope, in its own brand; 403 otherwise. */
export function generationCallerOfKey(principal: KeyPrincipal, brandId: string): GenerationCaller {
  authorizeKey(principal, { scope: "generate", brandId });
  return {
    brandId,
    actor: { kind: "api_key", keyId: principal.keyId, brandId },
    createdBy: null,
    apiKeyId: principal.keyId,
  };
}
