import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { loadSharp } from "@/lib/brand/assets/load-sharp";
import { AppError } from "@/lib/errors";

/** Formats an image asset may have, decided from its bytes, and how it is re-encoded. */
const FORMATS = {
  "image/png": "png",
  "image/jpeg": "jpeg",
  "image/webp": "webp",
  "image/gif": "gif",
  "image/avif": "avif",
} as const;

export type ImageMime = keyof typeof FORMATS;

export interface IngestedImage {
  bytes: Buffer;
  mime: ImageMime;
  width: number;
  height: number;
  sha256: string;
}

/** The type as the bytes say it is; the file name and the client's Content-Type are ignored. */
export async function detectType(bytes: Buffer): Promise<{ mime: string; ext: string } | undefined> {
  return fileTypeFromBuffer(bytes);
}

/**
 * Decodes an uploaded image and re-encodes it in its own format without metadata: EXIF
 * (including GPS), XMP and IPTC are dropped, and the EXIF orientation is applied to the
 * pixels first so nothing turns sideways. Decoding also rejects files that only look like
 * images. The hash is of the stored bytes, so the same upload twice de-duplicates.
 */
export async function ingestImage(bytes: Buffer): Promise<IngestedImage> {
  const type = await detectType(bytes);
  if (!type || !(type.mime in FORMATS)) {
    throw new AppError(
      "unsupported_media_type",
      `Upload a PNG, JPEG, WebP, GIF or AVIF image (the file's bytes say ${type ? type.mime : "it is not an image"})`,
      { path: "file", detected: type?.mime ?? null },
    );
  }
  const mime = type.mime as ImageMime;
  try {
    const { data, info } = await (
      await loadSharp()
    )(bytes, {
      animated: mime === "image/gif",
      limitInputPixels: 40_000_000,
    })
      .rotate()
      .toFormat(FORMATS[mime], mime === "image/png" ? {} : { quality: 92 })
      .toBuffer({ resolveWithObject: true });
    return {
      bytes: data,
      mime,
      width: info.width,
      height: info.pageHeight ?? info.height,
      sha256: createHash("sha256").update(data).digest("hex"),
    };
  } catch (err) {
    throw new AppError("unprocessable", `The image could not be decoded: ${(err as Error).message}`, {
      path: "file",
    });
  }
}
