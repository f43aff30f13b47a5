import { eq } from "drizzle-orm";
import { blobs } from "@/db/schema";
import { db } from "@/lib/db";
import type { BlobStore } from "./blob-store";

/** Bytes in a bytea column: shared by every instance, backed up with the database. */
export class PostgresBlobStore implements BlobStore {
  async put(key: string, bytes: Buffer): Promise<void> {
    await db().insert(blobs).values({ key, bytes, sizeBytes: bytes.length }).onConflictDoNothing();
  }

  async get(key: string): Promise<Buffer | null> {
    const [row] = await db().select({ bytes: blobs.bytes }).from(blobs).where(eq(blobs.key, key));
    return row ? Buffer.from(row.bytes) : null;
  }

  async delete(key: string): Promise<void> {
    await db().delete(blobs).where(eq(blobs.key, key));
  }
}
