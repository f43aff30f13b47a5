import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  CLIENT_ADDRESS_HEADER,
  INTERNAL_HEADERS,
  REQUEST_ID_HEADER,
  clientAddress,
} from "@/lib/http/client-address";
import { httpRequestDuration } from "@/lib/metrics/http";
import { withServerSpan } from "@/lib/tracing/server-span";
import type { Logger } from "pino";

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/** Paths served by Fastify; everything else is the Next.js UI. */
export function isApiPath(url: string | undefined): boolean {
  if (!url) return false;
  return url.startsWith("/api/v1/") || url === "/api/v1" || /^\/api\/(health|metrics)(\?|$)/.test(url);
}

/**
 * Runs before either framework sees a request: strips headers only internal code may set
 * (including `x-middleware-subrequest`), stamps the client address and a request id.
 */
export function sanitizeRequest(req: IncomingMessage, trustProxy: boolean): string {
  const forwardedFor = req.headers["x-forwarded-for"];
  for (const name of INTERNAL_HEADERS) delete req.headers[name];
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(
    req.socket.remoteAddress,
    Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor,
    trustProxy,
  );
  const given = req.headers[REQUEST_ID_HEADER];
  const requestId = typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
  req.headers[REQUEST_ID_HEADER] = requestId;
  return requestId;
}

export function createDispatcher(options: {
  api: Handler;
  ui: Handler;
  trustProxy: boolean;
  onDone?: (surface: "api" | "ui", req: IncomingMessage, res: ServerResponse, started: number) => void;
}) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const requestId = sanitizeRequest(req, options.trustProxy);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const surface = isApiPath(req.url) ? "api" : "ui";
    withServerSpan(req, res, () => {
      if (options.onDone) res.once("finish", () => options.onDone!(surface, req, res, started));
      void (surface === "api" ? options.api : options.ui)(req, res);
    });
  };
}

/**
 * The web process's `onDone`: every UI answer into the request-duration histogram (the API's
 * are observed by Fastify, which knows their route template: server/api/app.ts), and a
 * warning line for each 5xx.
 */
export function observeRequests(log: Logger) {
  return (surface: "api" | "ui", req: IncomingMessage, res: ServerResponse, started: number) => {
    if (surface === "ui")
      httpRequestDuration.observe(
        { surface, route: "next", method: req.method ?? "GET", status: String(res.statusCode) },
        (performance.now() - started) / 1000,
      );
    if (res.statusCode >= 500)
      log.warn(
        { requestId: req.headers["x-request-id"], url: req.url, status: res.statusCode },
        "request failed",
      );
  };
}
