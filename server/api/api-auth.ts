import type { FastifyInstance, FastifyRequest } from "fastify";
import { authenticateKey, type KeyPrincipal } from "@/lib/api-keys/authenticate-key";
import { authorizeKey, type KeyRequirement } from "@/lib/api-keys/authorize-key";
import { consumeGenerationQuota, releaseGenerationQuota } from "@/lib/api-keys/consume-generation-quota";
import { createRateLimiter } from "@/lib/api-keys/enforce-rate-limit";
import { keySession } from "@/lib/api-keys/key-session";
import type { Session } from "@/lib/auth/types";
import { AppError } from "@/lib/errors";
import { sessionOf } from "./session-auth";

export type Caller = { kind: "key"; principal: KeyPrincipal } | { kind: "session"; session: Session };

/** What a governed route needs from an API key; routes without it are public (health, OpenAPI). */
export type RouteAuth = Omit<KeyRequirement, "brandId">;

declare module "fastify" {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    caller: Caller | null;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * `Authorization: Bearer <key>` on every route that declares `config.auth`: 401 for a
 * missing, unknown, revoked or expired key, 429 past the key's per-minute limit, 403 when the
 * key lacks the route's scope — all before the body is parsed or an idempotency key claimed.
 * Without an Authorization header a signed-in browser session is accepted instead (the web
 * UI's own calls); lib then authorizes the session's role as before.
 */
export function installApiAuth(app: FastifyInstance): void {
  app.decorateRequest("caller", null);
  const enforceRateLimit = createRateLimiter();
  // A stopping instance hands its unspent leases back, so other instances can use them.
  // Bounded: a database that is down must not hold the shutdown (the leases then lapse).
  app.addHook("onClose", async () => {
    const released = Promise.all([enforceRateLimit.release(), releaseGenerationQuota()]).catch(
      () => undefined,
    );
    await Promise.race([released, new Promise((r) => setTimeout(r, 2_000).unref())]);
  });
  app.addHook("onRequest", async (req) => {
    const auth = req.routeOptions.config.auth;
    if (!auth) return;
    const header = req.headers.authorization;
    if (header !== undefined) {
      const token = BEARER.exec(header)?.[1];
      const principal = token ? await authenticateKey(token) : null;
      if (!principal) {
        throw new AppError("unauthorized", "The API key is missing, unknown, revoked or expired", {
          header: "Authorization",
        });
      }
      await enforceRateLimit(principal);
      authorizeKey(principal, auth);
      req.caller = { kind: "key", principal };
      return;
    }
    const session = await sessionOf(req);
    if (!session) {
      throw new AppError("unauthorized", "Send an API key as `Authorization: Bearer <key>`", {
        header: "Authorization",
      });
    }
    req.caller = { kind: "session", session };
  });
}

/**
 * The session the route's lib call authorizes. For a key, the brand the request acts on is
 * checked against the key's (403 otherwise) and the key acts as `keySession` describes.
 */
export function actingSession(req: FastifyRequest, brandId: string): Session | null {
  const caller = req.caller;
  if (!caller) return null;
  if (caller.kind === "session") return caller.session;
  authorizeKey(caller.principal, { ...req.routeOptions.config.auth!, brandId });
  return keySession(caller.principal);
}

/**
 * The caller a `…For` lib function takes (a webhook or generation caller): built from the key,
 * or from the session, by lib's own constructors — which authorize it.
 */
export function libCaller<T>(
  req: FastifyRequest,
  brandId: string,
  of: {
    key: (principal: KeyPrincipal, brandId: string) => T;
    session: (session: Session | null, brandId: string) => T;
  },
): T {
  const caller = req.caller;
  if (caller?.kind === "key") return of.key(caller.principal, brandId);
  return of.session(caller?.session ?? null, brandId);
}

/** Runs a generation against the key's monthly quota; a failed one is given back. */
export async function withGenerationQuota<T>(req: FastifyRequest, run: () => Promise<T>): Promise<T> {
  if (req.caller?.kind !== "key") return run();
  const giveBack = await consumeGenerationQuota(req.caller.principal);
  try {
    return await run();
  } catch (err) {
    await giveBack();
    throw err;
  }
}

/** Whose idempotency keys a request uses. */
export function idempotencyOwner(caller: Caller): string {
  return caller.kind === "key" ? `key:${caller.principal.keyId}` : `user:${caller.session.user.id}`;
}
