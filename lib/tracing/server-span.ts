import type { IncomingMessage, ServerResponse } from "node:http";
import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_URL_PATH,
} from "@opentelemetry/semantic-conventions";
import { tracingState } from "./state";
import { contextFromHeaders } from "./trace-context";
import { tracer } from "./tracer";

/**
 * Runs `handle` inside a server span for one HTTP request: continued from the caller's
 * `traceparent` when it sent one, ended when the response finishes or the connection closes.
 * The request and response are bound to the span's context, so listeners the frameworks add
 * later (body parsing, `finish`) run inside it too. Tracing off: `handle()` and nothing else.
 */
export function withServerSpan(req: IncomingMessage, res: ServerResponse, handle: () => void): void {
  if (!tracingState.enabled) return handle();
  const parent = contextFromHeaders(req.headers);
  const method = req.method ?? "GET";
  const span = tracer().startSpan(
    method,
    {
      kind: SpanKind.SERVER,
      attributes: {
        [ATTR_HTTP_REQUEST_METHOD]: method,
        // The path without its query string: queries may carry tokens.
        [ATTR_URL_PATH]: (req.url ?? "/").split("?")[0],
      },
    },
    parent,
  );
  const active = trace.setSpan(parent, span);
  context.bind(active, req);
  context.bind(active, res);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
    if (res.statusCode >= 500 || !res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  res.once("finish", end);
  res.once("close", end);
  context.with(active, handle);
}
