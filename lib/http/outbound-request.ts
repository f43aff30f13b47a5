import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { Transform, type Readable } from "node:stream";
import { isBlockedAddress, publicOnlyLookup } from "@/lib/http/target-guard";

/**
 * Brandgate's one outbound HTTP client, for model calls (post-json), admin-typed URLs the
 * OpenAI SDK fetches (public-fetch) and webhooks (lib/webhooks/post-webhook). Over node:http,
 * because Node's global fetch takes no custom DNS lookup. Every request gets:
 * - the SSRF guard, unless the target is the operator's own: public addresses only, checked in
 *   the socket's own DNS lookup (so a name that resolves privately is refused when connecting,
 *   not only when saved), IP literals here, since Node skips `lookup` for them;
 * - no redirects unless asked (`maxRedirects`); a followed one is guarded like the first hop;
 * - a deadline over the whole exchange, body included;
 * - a response size cap: past it the body stream fails with ResponseTooLargeError.
 */

/** Default cap on a response body: far above any chat completion, far below a memory problem. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
/** Default deadline: the OpenAI SDK's own default, for callers that pass none. */
export const DEFAULT_DEADLINE_MS = 10 * 60 * 1000;

export class OutboundTimeoutError extends Error {
  constructor(ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = "OutboundTimeoutError";
  }
}

export class ResponseTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the response is larger than the limit of ${limit} bytes; it was cut off`);
    this.name = "ResponseTooLargeError";
  }
}

export interface OutboundOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  signal?: AbortSignal;
  /** The whole exchange's limit, headers and body; default DEFAULT_DEADLINE_MS. */
  timeoutMs?: number;
  /** Default DEFAULT_MAX_RESPONSE_BYTES. */
  maxResponseBytes?: number;
  /** Redirects to follow (GET/HEAD only, each hop guarded); default 0, a 3xx is the answer. */
  maxRedirects?: number;
}

export interface OutboundResponse {
  status: number;
  statusText: string;
  /** Header values as node:http gives them (lower-case names). */
  headers: IncomingMessage["headers"];
  /** The body, capped; it errors with ResponseTooLargeError or OutboundTimeoutError. */
  body: Readable;
}

export type OutboundRequest = (url: URL, options?: OutboundOptions) => Promise<OutboundResponse>;

/**
 * A client. With `allowPrivate` (a setting read per request) targets are guarded; without
 * it the target is trusted (the operator's own MODEL_BASE_URL). `keepAlive: false` opens a
 * connection per request (webhooks: many hosts, rare calls).
 */
export function outboundClient(options: { allowPrivate?: () => boolean; keepAlive?: boolean } = {}) {
  const { allowPrivate } = options;
  const lookup = allowPrivate ? publicOnlyLookup(allowPrivate) : undefined;
  const keepAlive = options.keepAlive ?? true;
  const agents = {
    "http:": new HttpAgent({ keepAlive, ...(lookup && { lookup }) }),
    "https:": new HttpsAgent({ keepAlive, ...(lookup && { lookup }) }),
  };

  const request: OutboundRequest = async (url, opts = {}) => {
    const timeoutMs = opts.timeoutMs ?? DEFAULT_DEADLINE_MS;
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
    let target = url;
    for (let hop = 0; ; hop++) {
      const res = await once(target, opts, signal, timeoutMs);
      const location = res.headers.location;
      const method = (opts.method ?? "GET").toUpperCase();
      const redirect = res.statusCode !== undefined && [301, 302, 303, 307, 308].includes(res.statusCode);
      if (!redirect || !location || hop >= (opts.maxRedirects ?? 0) || !["GET", "HEAD"].includes(method))
        return capped(res, opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, signal, timeoutMs);
      res.resume();
      target = new URL(location, target);
    }
  };

  function once(url: URL, opts: OutboundOptions, signal: AbortSignal, timeoutMs: number) {
    if (url.protocol !== "http:" && url.protocol !== "https:")
      return Promise.reject(new TypeError(`refused: ${url.protocol} is not http(s)`));
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (allowPrivate && isIP(host) && !allowPrivate() && isBlockedAddress(host))
      return Promise.reject(new TypeError(`refused: ${host} is a private or reserved address`));
    const body = typeof opts.body === "string" ? Buffer.from(opts.body) : opts.body;
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise<IncomingMessage>((resolve, reject) => {
      const req = send(url, {
        method: opts.method ?? "GET",
        agent: agents[url.protocol as "http:"],
        headers: { ...opts.headers, ...(body && { "content-length": String(body.byteLength) }) },
      });
      const onAbort = () => req.destroy(abortReason(signal, timeoutMs));
      if (signal.aborted) onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      req.on("response", (res) => {
        signal.removeEventListener("abort", onAbort);
        resolve(res);
      });
      req.on("error", (err) => {
        signal.removeEventListener("abort", onAbort);
        reject(err);
      });
      req.end(body);
    });
  }

  return { request, agents };
}

/** The caller's abort stays an AbortError (as fetch raises it); the deadline is ours. */
function abortReason(signal: AbortSignal, timeoutMs: number): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === "TimeoutError") return new OutboundTimeoutError(timeoutMs);
  if (reason instanceof Error) return reason;
  return Object.assign(new Error("This operation was aborted"), { name: "AbortError" });
}

function capped(
  res: IncomingMessage,
  limit: number,
  signal: AbortSignal,
  timeoutMs: number,
): OutboundResponse {
  let size = 0;
  const body = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.byteLength;
      if (size > limit) {
        res.destroy();
        return done(new ResponseTooLargeError(limit));
      }
      done(null, chunk);
    },
  });
  const onAbort = () => {
    const err = abortReason(signal, timeoutMs);
    res.destroy(err);
    body.destroy(err);
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener("abort", onAbort, { once: true });
  const settle = () => signal.removeEventListener("abort", onAbort);
  body.on("close", settle);
  res.on("error", (err) => body.destroy(err));
  res.pipe(body);
  return { status: res.statusCode ?? 502, statusText: res.statusMessage ?? "", headers: res.headers, body };
}

/** Reads a (capped) body to the end. */
export async function readBody(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
