import type { FastifyRequest } from "fastify";
import { SESSION_COOKIE, sessionFromToken } from "@/lib/auth/session-token";
import type { UserPrincipal } from "@/lib/auth/principal";
import { readCookie } from "@/lib/http/error-response";

/**
 * Until API keys land (content-API issue), API routes accept a signed-in browser session.
 * The session is resolved from the cookie on this request and authorized in lib.
 */
export function sessionOf(req: FastifyRequest): Promise<UserPrincipal | null> {
  return sessionFromToken(readCookie(req.headers.cookie ?? null, SESSION_COOKIE));
}
