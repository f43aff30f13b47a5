/**
 * Opens a personalisation model for serving: checks the artifact against the SHA-256 the
 * registry recorded, checks that it was trained on the feature schema it is paired with,
 * and creates an onnxruntime session plus the matching feature encoder.
 */
import { createHash } from "node:crypto";
import onnxProto from "onnx-proto";
import type { InferenceSession, Tensor } from "onnxruntime-node";
import { AppError } from "@/lib/errors";
import { compileFeatureEncoder, type FeatureEncoder } from "./compile-feature-encoder";
import { describeFeatureSchema } from "./describe-feature-schema";
import { SCHEMA_FINGERPRINT_KEY } from "./export-onnx";
import type { FeatureSchemaDefinition } from "./feature-schema";

const { onnx } = onnxProto;

export interface LoadedOnnxModel {
  session: InferenceSession;
  encoder: FeatureEncoder;
  /** onnxruntime's tensor class, for the inputs of `session.run`. */
  Tensor: typeof Tensor;
}

let runtime: Promise<typeof import("onnxruntime-node")> | undefined;

/**
 * onnxruntime-node is loaded on first use: it maps ~100 MiB of native code, and processes
 * that never score (the chat lane, most workers) should not carry it.
 */
export function onnxRuntime() {
  return (runtime ??= import("onnxruntime-node"));
}

export interface LoadOnnxModelOptions {
  /** Lower-case hex SHA-256 recorded with the model version. */
  sha256: string;
  bytes: Uint8Array;
  featureSchema: FeatureSchemaDefinition;
}

export async function loadOnnxModel({
  sha256,
  bytes,
  featureSchema,
}: LoadOnnxModelOptions): Promise<LoadedOnnxModel> {
  const actual = createHash("sha256").update(bytes).digest("hex");
  if (actual !== sha256.toLowerCase()) {
    // A swapped or corrupted artifact must never score traffic under another version's name.
    throw new AppError("internal", "The model artifact does not match its recorded SHA-256", {
      expected: sha256,
      actual,
    });
  }
  const schema = describeFeatureSchema(featureSchema);
  const fingerprint = onnx.ModelProto.decode(bytes).metadataProps.find(
    (p) => p.key === SCHEMA_FINGERPRINT_KEY,
  )?.value;
  if (fingerprint !== schema.fingerprint) {
    throw new AppError("internal", "The model was trained on a different feature schema", {
      model: fingerprint ?? null,
      given: schema.fingerprint,
    });
  }
  const ort = await onnxRuntime();
  const session = await ort.InferenceSession.create(bytes, {
    // One thread: a [100, 200] × [200, 1] product is far below the size where a thread
    // pool pays for its hand-offs, and web instances share their cores with requests.
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
  });
  return { session, encoder: compileFeatureEncoder(schema.definition), Tensor: ort.Tensor };
}
