import type { FastifyInstance } from "fastify";
import { claimIdempotencyKey } from "@/lib/idempotency/claim-idempotency-key";
import { finishIdempotencyKey } from "@/lib/idempotency/finish-idempotency-key";
import { logger } from "@/lib/log";
import { idempotencyOwner } from "./api-auth";

declare module "fastify" {
  interface FastifyRequest {
    idempotencyClaim: string | null;
  }
  interface FastifyContextConfig {
    /**
     * Top-level response fields that are shown once (a signing secret): never stored for an
     * idempotent replay, which answers them as null and names them in REPLAY_OMITTED_HEADER.
     */
    secretFields?: readonly string[];
  }
}

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const REPLAYED_HEADER = "idempotent-replayed";
/** On a replay, the fields the first answer had that the stored one does not (comma-separated). */
export const REPLAY_OMITTED_HEADER = "idempotent-replay-omitted";
/** Response headers worth replaying; request ids and dates belong to the new request. */
const STORED_HEADERS = [
  "content-type",
  "retry-after",
  "location",
  "preference-applied",
  REPLAY_OMITTED_HEADER,
];

/**
 * Stripe-style `Idempotency-Key` on every authenticated POST. The claim is taken after
 * authentication and body validation (so a 401 or 400 does not burn the key), the response
 * is stored on send, and a 5xx releases the key so the retry runs. See
 * lib/idempotency/claim-idempotency-key.ts for the concurrency argument.
 */
export function installIdempotency(app: FastifyInstance): void {
  app.decorateRequest("idempotencyClaim", null);
  app.addHook("preHandler", async (req, reply) => {
    const key = req.headers[IDEMPOTENCY_HEADER];
    if (req.method !== "POST" || key === undefined || !req.principal) return;
    const claim = await claimIdempotencyKey({
      owner: idempotencyOwner(req.principal),
      key: Array.isArray(key) ? key.join(",") : key,
      method: req.method,
      path: req.url.split("?")[0]!,
      body: req.body,
    });
    if (claim.kind === "claimed") {
      req.idempotencyClaim = claim.id;
      return;
    }
    const stored = claim.response;
    return reply
      .code(stored.status)
      .headers({ ...stored.headers, [REPLAYED_HEADER]: "true" })
      .send(stored.body);
  });
  app.addHook("onSend", async (req, reply, payload) => {
    const id = req.idempotencyClaim;
    if (!id) return payload;
    req.idempotencyClaim = null;
    let body =
      typeof payload === "string" ? payload : Buffer.isBuffer(payload) ? payload.toString("utf8") : null;
    const headers: Record<string, string> = {};
    for (const name of STORED_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    const secretFields = req.routeOptions.config.secretFields ?? [];
    if (body !== null && secretFields.length > 0) {
      const omitted = withoutSecrets(body, secretFields);
      body = omitted.body;
      if (omitted.fields.length > 0) headers[REPLAY_OMITTED_HEADER] = omitted.fields.join(",");
    }
    try {
      // A streamed body cannot be stored: release the key rather than replay an empty one.
      await finishIdempotencyKey(id, body === null ? null : { status: reply.statusCode, headers, body });
    } catch (err) {
      logger().error({ err, requestId: req.id }, "could not record an idempotent response");
    }
    return payload;
  });
}

/**
 * The stored copy of a JSON answer with its shown-once fields set to null. A body that is not
 * a JSON object (an error envelope is one, without those fields) is stored as it is; one that
 * cannot be parsed is not stored at all (null releases the key) rather than risk keeping a secret.
 */
function withoutSecrets(body: string, fields: readonly string[]): { body: string | null; fields: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { body: null, fields: [] };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return { body, fields: [] };
  const record = parsed as Record<string, unknown>;
  const present = fields.filter((f) => f in record && record[f] !== null);
  for (const f of present) record[f] = null;
  return { body: JSON.stringify(record), fields: present };
}
