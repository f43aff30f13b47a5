import path from "node:path";
import { getEnv } from "@/lib/env";
import { FsBlobStore } from "./fs-blob-store";
import { PostgresBlobStore } from "./postgres-blob-store";

/**
 * Where asset bytes live. Keys are content-addressed (`sha256/<hex>`), so a put of the same
 * bytes twice is harmless. An object-storage implementation (S3, GCS) fits this interface
 * as it stands: put/get/delete by key, no listing, no partial reads.
 */
export interface BlobStore {
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}

let store: BlobStore | undefined;

export function blobStore(): BlobStore {
  if (!store) {
    const env = getEnv();
    store =
      env.ASSET_STORAGE === "fs"
        ? new FsBlobStore(path.resolve(env.DATA_DIR, "blobs"))
        : new PostgresBlobStore();
  }
  return store;
}

export function blobKey(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error("a blob key is a SHA-256 hex digest");
  return `sha256/${sha256}`;
}
