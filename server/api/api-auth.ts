import type { FastifyInstance, FastifyRequest } from "fastify";
import { authenticateKey } from "@/lib/api-keys/authenticate-key";
import { authorizeKey, type KeyRequirement } from "@/lib/api-keys/authorize-key";
import { consumeGenerationQuota, releaseGenerationQuota } from "@/lib/api-keys/consume-generation-quota";
import { createRateLimiter } from "@/lib/api-keys/enforce-rate-limit";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { sessionOf } from "./session-auth";

/** What a governed route needs from an API key; routes without it are public (health, OpenAPI). */
export type RouteAuth = Omit<KeyRequirement, "brandId">;

declare module "fastify" {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    /**
     * Who calls: an API key, or a signed-in person (the web UI's own calls). Route handlers
     * hand it to lib as it is; lib authorizes it, the key's brand included.
     */
    principal: Principal | null;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * `Authorization: Bearer <key>` on every route that declares `config.auth`: 401 for a
 * missing, unknown, revoked or expired key, 429 past the key's per-minute limit, 403 when the
 * key lacks the route's scope — all before the body is parsed or an idempotency key claimed.
 * Without an Authorization header a signed-in browser session is accepted instead (the web
 * UI's own calls); lib then authorizes the person's role as before.
 */
export function installApiAuth(app: FastifyInstance): void {
  app.decorateRequest("principal", null);
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
      req.principal = principal;
      return;
    }
    const session = await sessionOf(req);
    if (!session) {
      throw new AppError("unauthorized", "Send an API key as `Authorization: Bearer <key>`", {
        header: "Authorization",
      });
    }
    req.principal = session;
  });
}

/** Runs a generation against the key's monthly quota; a failed one is given back. */
export async function withGenerationQuota<T>(req: FastifyRequest, run: () => Promise<T>): Promise<T> {
  if (req.principal?.kind !== "api-key") return run();
  const giveBack = await consumeGenerationQuota(req.principal);
  try {
    return await run();
  } catch (err) {
    await giveBack();
    throw err;
  }
}

/** Whose idempotency keys a request uses. */
export function idempotencyOwner(principal: Principal): string {
  switch (principal.kind) {
    case "api-key":
      return `key:${principal.keyId}`;
    case "user":
      return `user:${principal.user.id}`;
    case "system":
      return "system";
  }
}
