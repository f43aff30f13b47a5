import { z } from "zod";
import { AppError, parseOrThrow } from "@/lib/errors";
import type { BrandKit } from "../kit";
import { evaluateSafely } from "./evaluate-safely";
import { inspectImage } from "./image/inspect-image";
import { IMAGE_CHECKS } from "./registry";
import type { ChecksReport } from "./run-text-checks";
import { scoreResults } from "./score";
import { IMAGE_ROLES } from "./types";

/** Hard ceiling before any decoding, whatever a kit allows. */
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

export const runImageChecksInput = z.object({
  bytes: z.instanceof(Uint8Array),
  role: z.enum(IMAGE_ROLES),
});

export type RunImageChecksOptions = z.input<typeof runImageChecksInput> & {
  /** A validated kit version (brandKitSchema), as stored. */
  kit: BrandKit;
};

/**
 * Runs the image checks for an asset. Only bytes are taken — no file name or declared type —
 * so the format is always what the content is.
 */
export async function runImageChecks(options: RunImageChecksOptions): Promise<ChecksReport> {
  const { bytes, role } = parseOrThrow(runImageChecksInput, options);
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new AppError("payload_too_large", `Images may be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
  }
  const facts = await inspectImage(bytes);
  const checks = IMAGE_CHECKS.filter((c) => c.roles.includes(role));
  const results = checks.map((c) => evaluateSafely(c.id, () => c.evaluate({ facts, role }, options.kit)));
  return { ...scoreResults(results, checks, options.kit.threshold), results };
}
