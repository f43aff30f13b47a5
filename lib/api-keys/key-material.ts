import { createHash, randomBytes } from "node:crypto";

/** Every key starts with this, so leaked keys are easy to spot (secret scanners, logs). */
export const KEY_PREFIX = "bg_";
/** Characters of the key kept in clear: `bg_` + 8, enough to tell keys apart, useless to guess with. */
const VISIBLE = KEY_PREFIX.length + 8;

export interface KeyMaterial {
  plaintext: string;
  prefix: string;
  hash: string;
}

/** 32 random bytes: a plain SHA-256 is enough, there is nothing to brute-force. */
export function hashKey(plaintext: string): string {
  return createHash("sha256").update(plaintext, "utf8").digest("hex");
}

export function generateKeyMaterial(): KeyMaterial {
  const plaintext = KEY_PREFIX + randomBytes(32).toString("base64url");
  return { plaintext, prefix: plaintext.slice(0, VISIBLE), hash: hashKey(plaintext) };
}
