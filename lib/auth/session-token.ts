import { decode, encode } from "next-auth/jwt";
import { getEnv, requireAuthSecret } from "@/lib/env";
import { resolveSession } from "./resolve-session";
import type { UserPrincipal } from "./principal";

/** The session cookie: an encrypted next-auth JWT that carries the session id (`sid`). */
export const SESSION_COOKIE = "bg.session";

export function sessionCookieSecure(): boolean {
  return getEnv().PUBLIC_URL.startsWith("https://");
}

/** Reads a session cookie value; a forged, expired or revoked token yields null. */
export async function sessionFromToken(token: string | undefined | null): Promise<UserPrincipal | null> {
  if (!token) return null;
  const payload = await decode({ token, secret: requireAuthSecret() }).catch(() => null);
  const sid = payload && typeof payload.sid === "string" ? payload.sid : null;
  return resolveSession(sid);
}

/** Issues a cookie value for a session id; used by tests and tools, the browser gets it from next-auth. */
export function encodeSessionToken(sessionId: string, userId: string): Promise<string> {
  return encode({
    token: { sub: userId, sid: sessionId },
    secret: requireAuthSecret(),
    maxAge: getEnv().SESSION_MAX_AGE_SECONDS,
  });
}
