import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { REQUEST_ID_HEADER } from "@/lib/http/client-address";
import { requestRoute } from "./request-route";

/**
 * The web process's access log: one `request` line per answer with method, route template
 * (the API's; the UI has none, so its path is given, without the query), status, duration and
 * request id. Written inside the request's span, so with tracing on the log's mixin adds the
 * trace and span ids.
 */
export function accessLog(log: Logger) {
  return (_surface: "api" | "ui", req: IncomingMessage, res: ServerResponse, started: number) => {
    const route = requestRoute(req);
    log.info(
      {
        method: req.method,
        route,
        path: route ? undefined : (req.url ?? "/").split("?")[0],
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 100) / 100,
        requestId: req.headers[REQUEST_ID_HEADER],
      },
      "request",
    );
  };
}
