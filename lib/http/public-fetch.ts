import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { Readable } from "node:stream";
import { isBlockedAddress, publicOnlyLookup } from "@/lib/http/target-guard";

/**
 * A `fetch` for URLs an admin typed in (model base URLs): it connects only to public
 * addresses unless `allowPrivate()` — checked inside the socket's own DNS lookup, so a name
 * that resolves to a private address is refused when connecting, not only when saved — and
 * it never follows a redirect: a 3xx comes back as the answer (the OpenAI SDK reports it as
 * an error), since following one would go wherever the far end says, guard or not.
 * Built on node:http because Node's global fetch takes no custom DNS lookup.
 */
export function publicFetch(allowPrivate: () => boolean): typeof fetch {
  const lookup = publicOnlyLookup(allowPrivate);
  const agents = {
    "http:": new HttpAgent({ keepAlive: true, lookup }),
    "https:": new HttpsAgent({ keepAlive: true, lookup }),
  };
  return async (input, init = {}) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw new TypeError(`refused: ${url.protocol} is not http(s)`);
    // Node skips `lookup` for IP literals: those are checked here.
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host) && !allowPrivate() && isBlockedAddress(host))
      throw new TypeError(`refused: ${host} is a private or reserved address`);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    if (body) headers["content-length"] = String(body.byteLength);
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise<Response>((resolve, reject) => {
      const req = send(
        url,
        {
          method: request.method,
          headers,
          agent: agents[url.protocol as "http:"],
          signal: init.signal ?? undefined,
        },
        (res: IncomingMessage) => resolve(toResponse(res)),
      );
      req.on("error", reject);
      req.end(body);
    });
  };
}

function toResponse(res: IncomingMessage): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    for (const v of [value ?? []].flat()) headers.append(name, v);
  }
  const status = res.statusCode ?? 502;
  const empty = status === 204 || status === 304 || status < 200;
  if (empty) res.resume();
  return new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), {
    status: status < 200 ? 502 : status,
    statusText: res.statusMessage,
    headers,
  });
}
