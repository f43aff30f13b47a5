import { and, desc, eq } from "drizzle-orm";
import { assets, brandKitVersions, checkRuns } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { blobStore } from "@/lib/brand/storage/blob-store";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** One asset with its latest check run and the kit version it was checked against. */
export async function getAsset(principal: Principal | null, brandId: string, assetId: string) {
  authorize(principal, "brand:view", brandId);
  const [asset] = await db()
    .select()
    .from(assets)
    .where(and(eq(assets.id, assetId), eq(assets.brandId, brandId)));
  if (!asset) throw new AppError("not_found", "No such asset in this brand");
  const [check] = await db()
    .select({ run: checkRuns, kitVersion: brandKitVersions.version })
    .from(checkRuns)
    .innerJoin(brandKitVersions, eq(brandKitVersions.id, checkRuns.kitVersionId))
    .where(and(eq(checkRuns.subjectType, "asset"), eq(checkRuns.subjectId, asset.id)))
    .orderBy(desc(checkRuns.createdAt))
    .limit(1);
  return { asset, check: check ? { ...check.run, kitVersion: check.kitVersion } : null };
}

/** The stored bytes of an image asset, for display; authorization as for reading it. */
export async function readAssetBytes(principal: Principal | null, brandId: string, assetId: string) {
  const { asset } = await getAsset(principal, brandId, assetId);
  if (asset.kind !== "image" || !asset.storageKey) throw new AppError("not_found", "This asset has no image");
  const bytes = await blobStore().get(asset.storageKey);
  if (!bytes) throw new AppError("not_found", "The image is missing from storage");
  return { bytes, mime: asset.mime };
}
