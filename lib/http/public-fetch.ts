import { Readable } from "node:stream";
import { outboundClient, type OutboundResponse } from "@/lib/http/outbound-request";

/**
 * A `fetch` for URLs an admin typed in (model base URLs), for the OpenAI SDK, through the one
 * outbound client (lib/http/outbound-request.ts): public addresses only unless
 * `allowPrivate()`, a response size cap and a deadline, and no redirect followed — a 3xx comes
 * back as the answer (the SDK reports it as an error), since following one would go wherever
 * the far end says. The SDK's own timeout arrives as the request's signal.
 */
export function publicFetch(
  allowPrivate: () => boolean,
  limits: { maxResponseBytes?: number } = {},
): typeof fetch {
  const { request: send } = outboundClient({ allowPrivate });
  return async (input, init = {}) => {
    const request = new Request(input, init);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const res = await send(new URL(request.url), {
      method: request.method,
      headers,
      body,
      signal: init.signal ?? undefined,
      maxResponseBytes: limits.maxResponseBytes,
    });
    return toResponse(res);
  };
}

function toResponse(res: OutboundResponse): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    for (const v of [value ?? []].flat()) headers.append(name, v);
  }
  const status = res.status;
  const empty = status === 204 || status === 304 || status < 200;
  if (empty) res.body.resume();
  return new Response(empty ? null : (Readable.toWeb(res.body) as ReadableStream<Uint8Array>), {
    status: status < 200 ? 502 : status,
    statusText: res.statusText,
    headers,
  });
}
