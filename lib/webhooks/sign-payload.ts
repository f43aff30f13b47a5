import { createHmac, randomBytes } from "node:crypto";

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the key is the base64 after
 * `whsec_`, the signed content is `${webhook-id}.${webhook-timestamp}.${raw body}`, and the
 * `webhook-signature` header is `v1,<base64 HMAC-SHA256>`, several separated by spaces.
 */
export function signPayload(secret: string, id: string, timestampSeconds: number, rawBody: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const mac = createHmac("sha256", key).update(`${id}.${timestampSeconds}.${rawBody}`).digest("base64");
  return `v1,${mac}`;
}

/** A new signing secret: 24 random bytes in standard base64 (what receivers' libraries decode). */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

/** The `webhook-signature` header: one signature per live secret, the current one first. */
export function signatureHeader(
  secrets: readonly string[],
  id: string,
  timestampSeconds: number,
  rawBody: string,
): string {
  return secrets.map((s) => signPayload(s, id, timestampSeconds, rawBody)).join(" ");
}
