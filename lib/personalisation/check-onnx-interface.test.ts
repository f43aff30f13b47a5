/**
 * The upload check on files other exporters write: the input named otherwise, weights also
 * listed as graph inputs (older exporters do), an extra output, a fixed batch size, and a
 * graph that declares the right names but cannot run.
 */
import onnxProto from "onnx-proto";
import { describe, expect, it } from "vitest";
import { checkOnnxInterface, readOnnxInterface } from "./check-onnx-interface";
import { describeFeatureSchema } from "./describe-feature-schema";
import { exportOnnx } from "./export-onnx";
import { DEFAULT_FEATURE_SCHEMA } from "./feature-schema";

const { onnx } = onnxProto;
const schema = describeFeatureSchema(DEFAULT_FEATURE_SCHEMA);
const base = () =>
  onnx.ModelProto.decode(
    exportOnnx({
      model: { weights: Array.from({ length: schema.dimension }, () => 0.01), bias: 0 },
      featureSchema: schema,
    }).bytes,
  );
const encode = (m: onnxProto.onnx.ModelProto) => new Uint8Array(onnx.ModelProto.encode(m).finish());

describe("checkOnnxInterface", () => {
  it("refuses a tensor kept in an external file (a path on this server's disk)", async () => {
    const m = base();
    const weights = (m.graph as onnxProto.onnx.GraphProto).initializer[0]!;
    weights.rawData = new Uint8Array(0);
    weights.floatData = [];
    weights.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
    weights.externalData = [onnx.StringStringEntryProto.create({ key: "location", value: "/etc/passwd" })];
    await expect(checkOnnxInterface(encode(m), schema)).rejects.toMatchObject({
      code: "validation_failed",
      details: [{ path: "onnx", message: expect.stringMatching(/refers to external data/) }],
    });
  });

  it("accepts Brandgate's own export, weights listed as inputs, an extra output and a fixed batch", async () => {
    await expect(checkOnnxInterface(encode(base()), schema)).resolves.toMatchObject({
      inputs: [{ name: "features", type: "float", shape: ["N", schema.dimension] }],
    });
    const m = base();
    const g = m.graph as onnxProto.onnx.GraphProto;
    const float = (dims: number[]) =>
      onnx.TypeProto.create({
        tensorType: {
          elemType: onnx.TensorProto.DataType.FLOAT,
          shape: { dim: dims.map((d) => ({ dimValue: d })) },
        },
      });
    g.input.push(onnx.ValueInfoProto.create({ name: "weights", type: float([schema.dimension, 1]) }));
    g.output.push(onnx.ValueInfoProto.create({ name: "logit", type: float([1, 1]) }));
    g.input[0]!.type = float([1, schema.dimension]);
    g.output[0]!.type = float([1, 1]);
    const found = await checkOnnxInterface(encode(m), schema);
    expect(found.inputs.map((i) => i.name)).toEqual(["features"]);
    expect(found.inputs[0]!.shape).toEqual([1, schema.dimension]);
    expect(found.outputs.map((o) => o.name)).toEqual(["score", "logit"]);
  });

  it("names the input and output another exporter gave them", async () => {
    const m = base();
    const g = m.graph as onnxProto.onnx.GraphProto;
    g.input[0]!.name = "input";
    g.node[0]!.input![0] = "input";
    g.output[0]!.name = "probabilities";
    g.node[2]!.output![0] = "probabilities";
    await expect(checkOnnxInterface(encode(m), schema)).rejects.toMatchObject({
      code: "unprocessable",
      details: [
        {
          path: "onnx.inputs",
          expected: [`features: float[N,${schema.dimension}]`],
          found: [`input: float[N,${schema.dimension}]`],
        },
        { path: "onnx.outputs", expected: ["score: float[N,1]"], found: ["probabilities: float[N,1]"] },
      ],
    });
  });

  it("refuses a graph that declares the right names but cannot run", async () => {
    const m = base();
    (m.graph as onnxProto.onnx.GraphProto).node[2]!.opType = "NoSuchOperator";
    await expect(checkOnnxInterface(encode(m), schema)).rejects.toMatchObject({
      code: "validation_failed",
      details: [{ path: "onnx", message: expect.stringContaining("onnxruntime cannot load it") }],
    });
  });

  it("refuses bytes that are not a model", () => {
    expect(() => readOnnxInterface(new Uint8Array([1, 2, 3, 4]))).toThrow(
      expect.objectContaining({ code: "validation_failed" }),
    );
    expect(() => readOnnxInterface(new Uint8Array())).toThrow(
      expect.objectContaining({ code: "validation_failed" }),
    );
  });
});
