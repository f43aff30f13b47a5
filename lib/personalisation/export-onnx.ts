/**
 * Exports a trained linear model as an ONNX file for onnxruntime:
 *   score[N, 1] = Sigmoid(MatMul(features[N, D], weights[D, 1]) + bias[1])
 * The file also carries the feature schema's version and fingerprint as metadata, so a
 * scorer can refuse to feed it vectors from another schema.
 *
 * The bytes are a pure function of the model (no timestamps, fixed field order), so
 * exporting the same model twice gives the same SHA-256.
 */
import { createHash } from "node:crypto";
import onnxProto from "onnx-proto";
import { AppError } from "@/lib/errors";
import type { FeatureSchemaDescription } from "./describe-feature-schema";
import type { LinearModel } from "./score-reference";

const { onnx } = onnxProto;

/** IR 8 / opset 13: what onnx-proto (ONNX 1.10) writes, well inside what onnxruntime 1.30 reads. */
const IR_VERSION = 8;
const OPSET = 13;
export const ONNX_INPUT = "features";
export const ONNX_OUTPUT = "score";
export const SCHEMA_FINGERPRINT_KEY = "brandgate.feature_schema_fingerprint";
export const SCHEMA_VERSION_KEY = "brandgate.feature_schema_version";

export interface ExportOnnxOptions {
  model: LinearModel;
  featureSchema: Pick<FeatureSchemaDescription, "version" | "fingerprint" | "dimension">;
  /** Recorded in the file's `model_version`, e.g. the registry's version number. */
  modelVersion?: number;
}

export interface OnnxArtifact {
  bytes: Uint8Array;
  /** Lower-case hex SHA-256 of `bytes`: the artifact's identity in the registry and cache. */
  sha256: string;
}

function floatTensor(name: string, dims: number[], values: ArrayLike<number>) {
  return onnx.TensorProto.create({
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    // raw_data is little-endian float32, which Float32Array is on every platform Node runs on.
    rawData: new Uint8Array(Float32Array.from(values).buffer),
  });
}

function floatValueInfo(name: string, dims: (number | string)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: {
          dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })),
        },
      },
    },
  });
}

export function exportOnnx({ model, featureSchema, modelVersion = 1 }: ExportOnnxOptions): OnnxArtifact {
  const d = model.weights.length;
  if (d !== featureSchema.dimension) {
    throw new AppError("unprocessable", "The model's weights do not match the feature schema's dimension", {
      weights: d,
      dimension: featureSchema.dimension,
    });
  }
  const graph = onnx.GraphProto.create({
    name: "brandgate_personalisation_logistic",
    initializer: [floatTensor("weights", [d, 1], model.weights), floatTensor("bias", [1], [model.bias])],
    node: [
      onnx.NodeProto.create({
        opType: "MatMul",
        input: [ONNX_INPUT, "weights"],
        output: ["logit_raw"],
        name: "matmul",
      }),
      onnx.NodeProto.create({
        opType: "Add",
        input: ["logit_raw", "bias"],
        output: ["logit"],
        name: "add_bias",
      }),
      onnx.NodeProto.create({ opType: "Sigmoid", input: ["logit"], output: [ONNX_OUTPUT], name: "sigmoid" }),
    ],
    input: [floatValueInfo(ONNX_INPUT, ["N", d])],
    output: [floatValueInfo(ONNX_OUTPUT, ["N", 1])],
  });
  const proto = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: "", version: OPSET }],
    producerName: "brandgate",
    producerVersion: "1",
    modelVersion,
    graph,
    metadataProps: [
      { key: SCHEMA_VERSION_KEY, value: featureSchema.version },
      { key: SCHEMA_FINGERPRINT_KEY, value: featureSchema.fingerprint },
    ],
  });
  // Copied out: in Node, protobufjs may hand back a view into a shared Buffer pool.
  const bytes = new Uint8Array(onnx.ModelProto.encode(proto).finish());
  return { bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
}
