/**
 * Seals provider API keys for the model_versions.secret_ciphertext column: AES-256-GCM with a
 * key derived (HKDF-SHA256) from AUTH_SECRET, so a database dump alone does not reveal them.
 * Layout: 1 format byte | 12-byte IV | 16-byte tag | ciphertext.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { requireAuthSecret } from "@/lib/env";
import { AppError } from "@/lib/errors";

const FORMAT = 1;
let cachedKey: { secret: string; key: Buffer } | undefined;

function key(): Buffer {
  const secret = requireAuthSecret();
  if (cachedKey?.secret !== secret) {
    const derived = hkdfSync("sha256", secret, "brandgate", "model-version-secret/v1", 32);
    cachedKey = { secret, key: Buffer.from(derived) };
  }
  return cachedKey.key;
}

export function sealSecret(plaintext: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([Buffer.from([FORMAT]), iv, cipher.getAuthTag(), body]);
}

/** Throws `internal` (not the cause: it could echo key material) when AUTH_SECRET changed or the bytes were altered. */
export function openSecret(sealed: Buffer): string {
  try {
    if (sealed[0] !== FORMAT) throw new Error("format");
    const decipher = createDecipheriv("aes-256-gcm", key(), sealed.subarray(1, 13));
    decipher.setAuthTag(sealed.subarray(13, 29));
    return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString("utf8");
  } catch {
    throw new AppError("internal", "A model version's secret cannot be decrypted (was AUTH_SECRET rotated?)");
  }
}
