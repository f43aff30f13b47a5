/**
 * Decodes an image once into the facts every image check reads. The format comes from the
 * bytes (magic numbers via file-type, or an SVG root element), never from a file name or a
 * declared content type, which a sender controls.
 */
import { fileTypeFromBuffer } from "file-type";
import { loadSharp } from "@/lib/brand/assets/load-sharp";

export interface ImageFacts {
  bytes: number;
  /** Format detected from the bytes ("png", "jpeg", "svg", "pdf"…); undefined if unknown. */
  format?: string;
  mime?: string;
  width?: number;
  height?: number;
  hasAlpha?: boolean;
  /** False when at least one pixel is not fully opaque. */
  isOpaque?: boolean;
  /** Small RGBA copy for colour analysis; undefined when the image could not be decoded. */
  thumbnail?: { data: Uint8Array; width: number; height: number };
  decodeError?: string;
}

/** Decoding bombs: refuse images with more pixels than this before decoding them. */
const MAX_INPUT_PIXELS = 50_000_000;
const THUMBNAIL_SIZE = 64;
/** What sharp can decode among the formats file-type reports. */
const DECODABLE = new Set(["png", "jpeg", "webp", "gif", "avif", "svg", "tif", "heic"]);
const SVG_HEAD =
  /^\s*(?:<\?xml[^>]{0,300}\?>\s*)?(?:<!--[^]{0,2000}?-->\s*)*(?:<!doctype svg[^>]{0,500}>\s*)?(?:<!--[^]{0,2000}?-->\s*)*<svg[\s>]/i;

async function detectFormat(bytes: Uint8Array): Promise<{ format?: string; mime?: string }> {
  const type = await fileTypeFromBuffer(bytes);
  if (type && type.ext !== "xml") return { format: type.ext === "jpg" ? "jpeg" : type.ext, mime: type.mime };
  // SVG is text (file-type says "xml" at best), so look for an <svg> root at the start.
  const head = new TextDecoder("utf-8", { fatal: false })
    .decode(bytes.subarray(0, 4096))
    .replace(/^\ufeff/, "");
  if (SVG_HEAD.test(head)) return { format: "svg", mime: "image/svg+xml" };
  return type ? { format: type.ext, mime: type.mime } : {};
}

export async function inspectImage(bytes: Uint8Array): Promise<ImageFacts> {
  const facts: ImageFacts = { bytes: bytes.length, ...(await detectFormat(bytes)) };
  if (facts.format === undefined || !DECODABLE.has(facts.format)) {
    facts.decodeError = "not an image format this service decodes";
    return facts;
  }
  try {
    const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" as const };
    const meta = await (await loadSharp())(bytes, options).metadata();
    facts.width = meta.autoOrient?.width ?? meta.width;
    facts.height = meta.autoOrient?.height ?? meta.height;
    facts.hasAlpha = meta.hasAlpha;
    facts.isOpaque = meta.hasAlpha ? (await (await loadSharp())(bytes, options).stats()).isOpaque : true;
    const { data, info } = await (
      await loadSharp()
    )(bytes, options)
      .autoOrient()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "inside" })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    facts.thumbnail = { data: new Uint8Array(data), width: info.width, height: info.height };
  } catch (error) {
    facts.decodeError = error instanceof Error ? error.message : "could not decode";
  }
  return facts;
}
