import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { assets } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { blobKey, blobStore } from "@/lib/brand/storage/blob-store";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError, parseOrThrow } from "@/lib/errors";
import { DEFAULT_IMAGE_ROLE, IMAGE_ROLES } from "@/lib/brand/checks/types";
import { checkAsset } from "./check-asset";
import { ingestImage } from "./ingest-image";

const input = z.object({
  brandId: z.string().uuid(),
  name: z.string().trim().min(1, "Give the image a name").max(200),
  bytes: z.instanceof(Buffer),
  /** What the image is for; its checks follow from it (a logo must be transparent). Default "photo". */
  role: z.enum(IMAGE_ROLES).default(DEFAULT_IMAGE_ROLE),
});

/**
 * Stores an uploaded image: size-limited (413), typed by its bytes (415 otherwise),
 * metadata stripped, content-hashed and de-duplicated per brand, then checked against the
 * published kit as the role the uploader chose (logo, product or photo; "photo" when none is
 * given). Uploading the same image again returns the existing asset.
 */
export async function uploadImageAsset(principal: Principal | null, raw: z.input<typeof input>) {
  const { brandId, name, bytes, role } = parseOrThrow(input, raw);
  authorize(principal, "assets:manage", brandId);
  const limit = getEnv().ASSET_MAX_UPLOAD_BYTES;
  if (bytes.length > limit) {
    throw new AppError("payload_too_large", `The file is ${bytes.length} bytes; the limit is ${limit}`, {
      path: "file",
      limit,
    });
  }
  const image = await ingestImage(bytes);
  const existing = await findBySha(brandId, image.sha256);
  if (existing) return { asset: existing, deduplicated: true, check: null };

  const storageKey = blobKey(image.sha256);
  await blobStore().put(storageKey, image.bytes);
  const [created] = await db()
    .insert(assets)
    .values({
      brandId,
      kind: "image",
      name,
      mime: image.mime,
      sizeBytes: image.bytes.length,
      sha256: image.sha256,
      width: image.width,
      height: image.height,
      imageRole: role,
      storageKey,
      createdBy: principal.user.id,
    })
    .onConflictDoNothing()
    .returning();
  // A concurrent upload of the same bytes won the insert: theirs is the asset.
  if (!created) return { asset: (await findBySha(brandId, image.sha256))!, deduplicated: true, check: null };
  return { asset: created, deduplicated: false, check: await checkAsset(created) };
}

export async function findBySha(brandId: string, sha256: string) {
  const [row] = await db()
    .select()
    .from(assets)
    .where(and(eq(assets.brandId, brandId), eq(assets.sha256, sha256)));
  return row;
}
