import { outboundClient, ResponseTooLargeError } from "@/lib/http/outbound-request";
import { webhookTargetsMayBePrivate } from "@/lib/http/target-guard";

export type PostResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/** How much of a failing response's body is kept for the admin. */
const KEEP_BODY_BYTES = 512;
/** How much of any response's body is read at most; the rest is cut off unread. */
const READ_BODY_BYTES = 64 * 1024;

/** A connection per delivery: many hosts, each rarely. Guarded unless WEBHOOK_ALLOW_PRIVATE_TARGETS. */
const client = outboundClient({ allowPrivate: webhookTargetsMayBePrivate, keepAlive: false });

/**
 * One POST through the one outbound client, with a deadline covering connection, request and
 * response. Redirects are not followed (a 3xx is a failure): following one would bypass the
 * target guard. The answer's status decides; its body is only read up to KEEP_BODY_BYTES.
 */
export async function postWebhook(
  url: URL,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostResult> {
  let status: number | null = null;
  try {
    const res = await client.request(url, {
      method: "POST",
      headers,
      body,
      timeoutMs,
      maxResponseBytes: READ_BODY_BYTES,
    });
    status = res.status;
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of res.body) chunks.push(chunk as Buffer);
    } catch (err) {
      // The status has decided; a body past the cap is only cut short.
      if (!(err instanceof ResponseTooLargeError)) throw err;
    }
    const kept = Buffer.concat(chunks).toString("utf8").slice(0, KEEP_BODY_BYTES);
    return status >= 200 && status < 300
      ? { ok: true, status }
      : { ok: false, status, error: `HTTP ${status}${kept ? `: ${kept}` : ""}` };
  } catch (err) {
    return { ok: false, status, error: (err as Error).message };
  }
}
