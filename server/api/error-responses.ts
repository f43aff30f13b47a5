import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { RouteOptions } from "fastify";
import { z } from "zod";
import { AppError, ERROR_STATUS, toErrorBody, type ErrorCode } from "@/lib/errors";

/** The error envelope every /api/v1 error answers with (lib/errors.ts `toErrorBody`). */
export const errorEnvelope = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .describe("The error envelope: a stable `code`, a human-readable `message`, and `details` where useful");

type Schema = { response?: Record<string, unknown>; body?: unknown; security?: unknown[]; hide?: boolean };

/**
 * The error statuses an operation can answer, added to the OpenAPI document only (not to the
 * runtime serializer): which ones follow from how the route is declared — 401/403/429 from
 * API-key auth, 409/422 from Idempotency-Key on POST, 413/415 from having a body.
 */
export function errorResponsesFor(
  schema: Schema,
  route: Pick<RouteOptions, "method">,
): Record<string, unknown> {
  const out: Record<string, unknown> = { 400: errorEnvelope, 404: errorEnvelope };
  const methods = ([] as string[]).concat(route.method);
  if (schema.security?.length)
    Object.assign(out, { 401: errorEnvelope, 403: errorEnvelope, 429: errorEnvelope });
  if (methods.includes("POST")) Object.assign(out, { 409: errorEnvelope, 422: errorEnvelope });
  if (schema.body) Object.assign(out, { 413: errorEnvelope, 415: errorEnvelope });
  out["5XX"] = errorEnvelope;
  return out;
}

const BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: "bad_request",
  404: "not_found",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/**
 * Fastify's own client errors (malformed JSON, a content type without a parser, a bad
 * Content-Length, an oversized body) carry a 4xx `statusCode` but are not AppErrors: map
 * them to the envelope rather than let them fall through to a 500.
 */
export function fromFastifyClientError(err: unknown): AppError | null {
  const e = err as { statusCode?: number; code?: string; message?: string };
  if (typeof e.statusCode !== "number" || e.statusCode < 400 || e.statusCode >= 500) return null;
  const code = BY_STATUS[e.statusCode] ?? "bad_request";
  const messages: Partial<Record<ErrorCode, string>> = {
    payload_too_large: "The request body is too large",
    unsupported_media_type: "Send the body as application/json",
  };
  return new AppError(
    code,
    messages[code] ?? "The request could not be read",
    e.code ? { reason: e.code } : undefined,
  );
}

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (malformed framing,
 * oversized headers, a client too slow to send its request). They get the envelope too, written
 * straight to the socket, which is then closed: after a framing error the connection cannot be
 * trusted to carry another request.
 */
export function writeClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  // A reset connection has no one left to answer.
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const error =
    err.code === "HPE_HEADER_OVERFLOW"
      ? new AppError("headers_too_large", "The request headers are too large")
      : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? new AppError("request_timeout", "The request was not received in time")
        : new AppError("bad_request", "The request could not be parsed as HTTP");
  const mapped = toErrorBody(error);
  const body = JSON.stringify(mapped.body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${mapped.status} ${STATUS_CODES[mapped.status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
