import type { Principal } from "@/lib/auth/principal";
import { readAssetBytes } from "./get-asset";
import { loadSharp } from "./load-sharp";

/** Twice the 48 px the asset list shows, for sharp screens. */
const EDGE = 96;

/**
 * A small WebP of an image asset for lists, made on request: lists show a few dozen, and a
 * stored copy would be a second blob to keep in step with the original. Authorization as for
 * reading the asset. The first frame only, for animated GIFs.
 */
export async function readAssetThumbnail(principal: Principal | null, brandId: string, assetId: string) {
  const { bytes } = await readAssetBytes(principal, brandId, assetId);
  const data = await (
    await loadSharp()
  )(bytes, { limitInputPixels: 40_000_000 })
    .resize(EDGE, EDGE, { fit: "inside", withoutEnlargement: true })
    .webp({ quality: 70 })
    .toBuffer();
  return { bytes: data, mime: "image/webp" };
}
