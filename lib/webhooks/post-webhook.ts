import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { guardedLookup } from "@/lib/http/target-guard";

export type PostResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/** How much of a failing response's body is kept for the admin; the rest is discarded unread. */
const KEEP_BODY_BYTES = 512;

/**
 * One POST, with a deadline covering connection, request and response. Redirects are not
 * followed (a 3xx is a failure): following one would bypass the target guard.
 */
export function postWebhook(
  url: URL,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: guardedLookup,
        agent: false,
      },
      (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        let kept = "";
        res.on("data", (chunk: Buffer) => {
          if (kept.length < KEEP_BODY_BYTES)
            kept += chunk.toString("utf8").slice(0, KEEP_BODY_BYTES - kept.length);
        });
        res.on("end", () =>
          finish(
            status >= 200 && status < 300
              ? { ok: true, status }
              : { ok: false, status, error: `HTTP ${status}${kept ? `: ${kept}` : ""}` },
          ),
        );
        res.on("error", (err) => finish({ ok: false, status, error: err.message }));
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, status: null, error: `timed out after ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    req.on("error", (err: NodeJS.ErrnoException) => finish({ ok: false, status: null, error: err.message }));
    req.end(body);
  });
}
