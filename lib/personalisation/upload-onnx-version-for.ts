import { z } from "zod";
import { AppError, parseOrThrow } from "@/lib/errors";
import { MAX_ONNX_BYTES } from "@/lib/input-limits";
import { findModel } from "@/lib/models/registry/find-model";
import { createEvaluatedVersion } from "@/lib/models/registry/create-evaluated-version";
import type { ModelCaller } from "@/lib/models/registry/model-caller";
import type { PublicModelVersion } from "@/lib/models/registry/public-version";
import { checkOnnxInterface, type OnnxInterface } from "./check-onnx-interface";
import { describeFeatureSchema } from "./describe-feature-schema";
import { DEFAULT_FEATURE_SCHEMA } from "./feature-schema";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const uploadOnnxInput = z.object({
  onnx: z
    .string()
    .min(1)
    .max(Math.ceil(MAX_ONNX_BYTES / 3) * 4)
    .regex(BASE64, "must be base64")
    .describe(`The ONNX file, base64-encoded; at most ${MAX_ONNX_BYTES} bytes before encoding`),
  /** The registrant's name for the version (unique per model); the version number when left out. */
  version: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/,
      "may use letters, digits, dots, dashes, plus and underscores",
    )
    .optional(),
  notes: z.string().max(2000).optional(),
});
export type UploadOnnxInput = z.input<typeof uploadOnnxInput>;

export interface UploadedOnnxVersion {
  model: { id: string; slug: string };
  version: PublicModelVersion;
  sha256: string;
  evaluationId: string;
  interface: OnnxInterface;
}

/**
 * Registers an uploaded ONNX file as a version of a personalisation model. The file is checked
 * against the feature schema Brandgate encodes placements with (the one its own trainer uses):
 * one float input `features` [N, dimension], a float output `score` [N, 1], the schema's
 * fingerprint in the metadata, and onnxruntime must run it. A mismatch is a 422 naming what
 * differs, and nothing is stored. The version then stores the bytes and their SHA-256 and is
 * evaluated like a trained one (on the recent events, see compare-personalisation-version).
 */
export async function uploadOnnxVersionFor(
  caller: ModelCaller,
  options: { model: string; input: UploadOnnxInput },
): Promise<UploadedOnnxVersion> {
  const input = parseOrThrow(uploadOnnxInput, options.input);
  const model = await findModel(caller.brandId, options.model);
  if (model.kind !== "personalisation") {
    throw new AppError("validation_failed", "This is a generation model", [
      { path: "model", message: "must be a personalisation model (ONNX files are personalisation versions)" },
    ]);
  }
  const bytes = Buffer.from(input.onnx, "base64");
  if (bytes.length > MAX_ONNX_BYTES) {
    throw new AppError(
      "payload_too_large",
      `The file is ${bytes.length} bytes; the limit is ${MAX_ONNX_BYTES}`,
      {
        path: "onnx",
        limit: MAX_ONNX_BYTES,
      },
    );
  }
  const schema = describeFeatureSchema(DEFAULT_FEATURE_SCHEMA);
  const found = await checkOnnxInterface(bytes, schema);

  const { version, evaluationId } = await createEvaluatedVersion(
    caller,
    model.id,
    {
      kind: "personalisation",
      artifact: Uint8Array.from(bytes),
      featureSchema: { ...schema },
      // No training window: the file was made elsewhere. The evaluation reads that from `source`.
      lineage: { source: "upload", sizeBytes: bytes.length, uploadedAt: new Date().toISOString() },
      tag: input.version,
      notes: input.notes ?? "Uploaded ONNX file",
    },
    (v) => ({ source: "upload", sha256: v.personalisation?.artifactSha256 ?? null }),
  );
  return {
    model: { id: model.id, slug: model.slug },
    version,
    sha256: version.personalisation?.artifactSha256 ?? "",
    evaluationId,
    interface: found,
  };
}
