import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { SESSION_COOKIE, sessionFromToken } from "@/lib/auth/session-token";
import type { UserPrincipal } from "@/lib/auth/principal";
import { getEnv } from "@/lib/env";
import { parseOrThrow, toErrorBody, type ErrorCode } from "@/lib/errors";
import { errorResponse, readCookie } from "@/lib/http/error-response";
import { REQUEST_ID_HEADER } from "@/lib/http/client-address";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { logger } from "@/lib/log";
import { currentSession } from "./session";

interface HandlerArgs<C> {
  req: Request;
  ctx: C;
  session: UserPrincipal | null;
  requestId: string;
}

/**
 * Wraps a route handler: refuses cross-origin state changes (CSRF), resolves the session from
 * the request's own cookie header (never from middleware), maps every error to the JSON
 * envelope. The handler still calls `lib`, which authorizes. Every route handler under
 * app/api except next-auth's own (which has its CSRF token) goes through here.
 */
export function withSession<C = unknown>(handler: (args: HandlerArgs<C>) => Promise<Response>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    const requestId = req.headers.get(REQUEST_ID_HEADER) ?? randomUUID();
    try {
      assertSameOrigin(req.method, req.headers, getEnv().PUBLIC_URL);
      const session = await sessionFromToken(readCookie(req.headers.get("cookie"), SESSION_COOKIE));
      const res = await handler({ req, ctx, session, requestId });
      res.headers.set(REQUEST_ID_HEADER, requestId);
      return res;
    } catch (err) {
      return errorResponse(err, requestId);
    }
  };
}

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; error: { code: ErrorCode; message: string; details?: unknown } };

/**
 * Wraps a server action: parses its input with zod, resolves the session, and returns a
 * result instead of throwing, so forms can show the error next to the field at fault.
 */
export function withSessionAction<S extends z.ZodType, T>(
  schema: S,
  fn: (session: UserPrincipal | null, input: z.output<S>) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    try {
      const parsed = parseOrThrow(schema, input);
      const session = await currentSession();
      return { ok: true, data: await fn(session, parsed) };
    } catch (err) {
      const mapped = toErrorBody(err);
      if (mapped.unexpected) logger().error({ err }, "server action failed");
      return { ok: false, status: mapped.status, error: mapped.body.error };
    }
  };
}
