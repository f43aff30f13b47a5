/**
 * The receiver's side of webhook signing, used by our tests and shown in the docs. Verify the
 * RAW body (the exact bytes received, before any JSON parsing), then dedupe on
 * `brandgate-event-id`: deliveries are at-least-once.
 */
import { timingSafeEqual } from "node:crypto";
import { hmacHex } from "./sign-payload";

export interface VerifySignatureOptions {
  secret: string;
  rawBody: string;
  /** The `brandgate-signature` header. */
  header: string | null | undefined;
  /** How far the signed timestamp may be from now, either way; default 300 s. Limits replays. */
  toleranceSeconds?: number;
  /** Unix seconds; for tests. */
  now?: number;
}

export type VerifySignatureResult = { ok: true; timestamp: number } | { ok: false; reason: string };

export function verifySignature(options: VerifySignatureOptions): VerifySignatureResult {
  const { secret, rawBody, header } = options;
  if (!header) return { ok: false, reason: "missing signature header" };
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (key === "t" && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    // Several v1 values may appear while a secret is being rotated: any one may match.
    else if (key === "v1" && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined) return { ok: false, reason: "no timestamp in signature header" };
  if (signatures.length === 0) return { ok: false, reason: "no v1 signature in signature header" };
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) {
    return { ok: false, reason: "timestamp outside the tolerance window" };
  }
  const expected = Buffer.from(hmacHex(secret, timestamp, rawBody), "hex");
  const match = signatures.some((s) => timingSafeEqual(expected, Buffer.from(s, "hex")));
  return match ? { ok: true, timestamp } : { ok: false, reason: "signature does not match" };
}
