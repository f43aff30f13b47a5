import type { Session } from "@/lib/auth/types";
import type { KeyPrincipal } from "./authenticate-key";

const KEY_SESSION_PREFIX = "api-key:";

/** The key a `keySession` acts for, or null for a signed-in user's session. */
export function keyIdOf(session: Session): string | null {
  return session.sessionId.startsWith(KEY_SESSION_PREFIX) ? session.user.id : null;
}

/**
 * The lib functions behind the API (brand checks, governed chat) authorize a `Session`.
 * A key that passed `authorizeKey` for the route's scope acts in its one brand with the
 * rights of a marketer: enough to check and generate, never to administer (a pinned model
 * version, for one, needs `models:manage`, which no key gets). Built only after the scope
 * check, so the scope, not the role, is what grants access.
 */
export function keySession(principal: KeyPrincipal): Session {
  return {
    sessionId: `${KEY_SESSION_PREFIX}${principal.keyId}`,
    user: { id: principal.keyId, email: "", name: `API key ${principal.prefix}` },
    memberships: [{ brandId: principal.brandId, brandSlug: "", brandName: "", role: "marketer", groups: [] }],
  };
}
