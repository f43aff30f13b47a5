import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { isBlockedAddress, publicOnlyLookup } from "@/lib/http/target-guard";

export interface JsonAnswer {
  status: number;
  /** Header values by lower-case name (repeated headers joined with ", "). */
  headers: Record<string, string>;
  /** The body as text; `json` is its parse, or undefined when it is not JSON. */
  text: string;
  json: unknown;
}

export interface PostJsonOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** The whole exchange's limit; past it the request is destroyed with a PostTimeoutError. */
  timeoutMs?: number;
}

export class PostTimeoutError extends Error {
  constructor(ms: number) {
    super(`no complete answer within ${ms} ms`);
    this.name = "PostTimeoutError";
  }
}

export type PostJson = (url: URL, body: unknown, options?: PostJsonOptions) => Promise<JsonAnswer>;

/**
 * A JSON POST over node:http with keep-alive agents, for the model call on the hot path.
 * The global fetch (undici, web streams, AbortSignal plumbing, DOMException) and the OpenAI
 * SDK around it were the largest share of a governed chat call's CPU (bench/README.md);
 * this does one request and reads one body.
 *
 * With `allowPrivate` the target was typed in by an admin and gets the same guard as
 * `publicFetch`: public addresses only (checked in the socket's own DNS lookup, IP literals
 * here), and no redirect is followed — a 3xx is the answer. Without it the target is the
 * operator's own (MODEL_BASE_URL) and is trusted.
 */
export function jsonPoster(allowPrivate?: () => boolean): PostJson {
  const lookup = allowPrivate ? publicOnlyLookup(allowPrivate) : undefined;
  const agents = {
    "http:": new HttpAgent({ keepAlive: true, ...(lookup && { lookup }) }),
    "https:": new HttpsAgent({ keepAlive: true, ...(lookup && { lookup }) }),
  };
  return (url, body, options = {}) => {
    if (url.protocol !== "http:" && url.protocol !== "https:")
      return Promise.reject(new TypeError(`refused: ${url.protocol} is not http(s)`));
    const host = url.hostname.replace(/^\[|\]$/g, "");
    // Node skips `lookup` for IP literals: those are checked here.
    if (allowPrivate && isIP(host) && !allowPrivate() && isBlockedAddress(host))
      return Promise.reject(new TypeError(`refused: ${host} is a private or reserved address`));
    const payload = Buffer.from(JSON.stringify(body));
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise<JsonAnswer>((resolve, reject) => {
      const req = send(
        url,
        {
          method: "POST",
          agent: agents[url.protocol as "http:"],
          headers: {
            "content-type": "application/json",
            accept: "application/json",
            "content-length": String(payload.byteLength),
            ...options.headers,
          },
          signal: options.signal,
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", reject);
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let json: unknown;
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 502, headers: flatHeaders(res), text, json });
          });
        },
      );
      let timer: ReturnType<typeof setTimeout> | undefined;
      if (options.timeoutMs !== undefined) {
        const ms = options.timeoutMs;
        timer = setTimeout(() => req.destroy(new PostTimeoutError(ms)), ms);
      }
      const settle = () => timer && clearTimeout(timer);
      req.on("error", (err) => {
        settle();
        reject(err);
      });
      req.on("close", settle);
      req.end(payload);
    });
  };
}

function flatHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}
