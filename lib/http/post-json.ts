import { outboundClient, OutboundTimeoutError, readBody } from "@/lib/http/outbound-request";

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
  /** Past it the answer is refused with ResponseTooLargeError (outbound-request's default otherwise). */
  maxResponseBytes?: number;
}

/** The deadline's error, under the name the model gateway has always caught. */
export { OutboundTimeoutError as PostTimeoutError };

export type PostJson = (url: URL, body: unknown, options?: PostJsonOptions) => Promise<JsonAnswer>;

/**
 * A JSON POST with keep-alive agents, for the model call on the hot path, through the one
 * outbound client (lib/http/outbound-request.ts: deadline, size cap, no redirects). The global
 * fetch (undici, web streams, AbortSignal plumbing, DOMException) and the OpenAI SDK around it
 * were the largest share of a governed chat call's CPU (bench/README.md); this does one
 * request and reads one body.
 *
 * With `allowPrivate` the target was typed in by an admin and is guarded (public addresses
 * only unless the setting allows private ones); a 3xx is the answer. Without it the target is
 * the operator's own (MODEL_BASE_URL) and is trusted.
 */
export function jsonPoster(allowPrivate?: () => boolean): PostJson {
  const { request } = outboundClient(allowPrivate ? { allowPrivate } : {});
  return async (url, body, options = {}) => {
    const res = await request(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...options.headers },
      body: JSON.stringify(body),
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
    });
    const text = (await readBody(res.body)).toString("utf8");
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: flatHeaders(res.headers), text, json };
  };
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}
