/**
 * Checks an uploaded ONNX file against the feature schema it would be served with, before
 * anything is stored: the placement scorer feeds one float tensor `features` of shape
 * [N, dimension] and reads one float tensor `score` of shape [N, 1] (export-onnx.ts), and
 * load-onnx-model.ts refuses a file whose fingerprint metadata names another schema. A file
 * that would fail any of these at serving time is refused here, naming what differs.
 */
import onnxProto from "onnx-proto";
import { AppError } from "@/lib/errors";
import type { FeatureSchemaDescription } from "./describe-feature-schema";
import { ONNX_INPUT, ONNX_OUTPUT, SCHEMA_FINGERPRINT_KEY } from "./export-onnx";
import { onnxRuntime } from "./load-onnx-model";

const { onnx } = onnxProto;

/** One declared graph input or output, as a person reads it: `features: float[N,214]`. */
export interface OnnxTensorInfo {
  name: string;
  type: string;
  shape: (number | string)[];
}

export interface OnnxInterface {
  inputs: OnnxTensorInfo[];
  outputs: OnnxTensorInfo[];
  fingerprint: string | null;
}

export interface OnnxMismatch {
  /** `onnx.inputs`, `onnx.outputs` or `onnx.metadata`. */
  path: string;
  message: string;
  expected: string[];
  found: string[];
}

const typeName = (elemType: number | null | undefined) =>
  elemType === onnx.TensorProto.DataType.FLOAT
    ? "float"
    : (onnx.TensorProto.DataType[elemType ?? 0]?.toLowerCase() ?? "unknown");

function tensorInfo(v: onnxProto.onnx.IValueInfoProto): OnnxTensorInfo {
  const t = v.type?.tensorType;
  return {
    name: v.name ?? "",
    type: t ? typeName(t.elemType) : "not a tensor",
    shape: (t?.shape?.dim ?? []).map((d) => (d.dimParam ? d.dimParam : Number(d.dimValue ?? 0) || "?")),
  };
}

const show = (t: OnnxTensorInfo) => `${t.name}: ${t.type}[${t.shape.join(",")}]`;

const notOnnx = (why: string) =>
  new AppError("validation_failed", "The file is not an ONNX model", [
    { path: "onnx", message: `is not an ONNX model (${why})` },
  ]);

/** Reads a file's declared interface; anything protobuf cannot read as a model with a graph is refused. */
export function readOnnxInterface(bytes: Uint8Array): OnnxInterface {
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (err) {
    throw notOnnx(err instanceof Error ? err.message : "unreadable");
  }
  const graph = model.graph;
  const outputs = graph?.output ?? [];
  if (!graph || !model.irVersion || outputs.length === 0) throw notOnnx("no graph with outputs");
  // A tensor kept in an external file names a path that onnxruntime would read from this
  // server's disk into the model's weights: an upload carries all its data inline, or is refused.
  if (usesExternalData(graph))
    throw notOnnx("a tensor refers to external data; embed every tensor in the file");
  // Initializers may also be listed as inputs (older exporters); they are weights, not inputs.
  const weights = new Set((graph.initializer ?? []).map((t) => t.name));
  return {
    inputs: (graph.input ?? []).filter((i) => !weights.has(i.name ?? "")).map(tensorInfo),
    outputs: outputs.map(tensorInfo),
    fingerprint: model.metadataProps.find((p) => p.key === SCHEMA_FINGERPRINT_KEY)?.value ?? null,
  };
}

const EXTERNAL = onnx.TensorProto.DataLocation.EXTERNAL;
const isExternal = (t: onnxProto.onnx.ITensorProto | null | undefined) =>
  !!t && (t.dataLocation === EXTERNAL || (t.externalData?.length ?? 0) > 0);

/** Whether any tensor in the graph, its nodes' attributes or their subgraphs is stored outside the file. */
function usesExternalData(graph: onnxProto.onnx.IGraphProto, depth = 0): boolean {
  if (depth > 16) return true;
  if ((graph.initializer ?? []).some(isExternal)) return true;
  for (const sparse of graph.sparseInitializer ?? [])
    if (isExternal(sparse.values) || isExternal(sparse.indices)) return true;
  for (const node of graph.node ?? []) {
    for (const a of node.attribute ?? []) {
      if (isExternal(a.t) || (a.tensors ?? []).some(isExternal)) return true;
      const subgraphs = [...(a.g ? [a.g] : []), ...(a.graphs ?? [])];
      if (subgraphs.some((g) => usesExternalData(g, depth + 1))) return true;
    }
  }
  return false;
}

/** What a file must declare to be served with `schema`. */
export function expectedOnnxInterface(schema: Pick<FeatureSchemaDescription, "dimension" | "fingerprint">) {
  return {
    inputs: [{ name: ONNX_INPUT, type: "float", shape: ["N", schema.dimension] }],
    outputs: [{ name: ONNX_OUTPUT, type: "float", shape: ["N", 1] }],
    fingerprint: schema.fingerprint,
  };
}

/** A fixed size must equal the expected one; a symbolic batch dimension matches anything. */
const sameTensor = (found: OnnxTensorInfo, expected: OnnxTensorInfo) =>
  found.name === expected.name &&
  found.type === expected.type &&
  found.shape.length === expected.shape.length &&
  found.shape.every((d, i) => typeof expected.shape[i] === "string" || d === expected.shape[i]);

export function compareOnnxInterface(
  found: OnnxInterface,
  schema: Pick<FeatureSchemaDescription, "dimension" | "fingerprint">,
): OnnxMismatch[] {
  const expected = expectedOnnxInterface(schema);
  const problems: OnnxMismatch[] = [];
  for (const side of ["inputs", "outputs"] as const) {
    const want = expected[side];
    const got = found[side];
    // Exactly the one input: the scorer feeds nothing else. Outputs may carry extras it ignores.
    const ok =
      side === "inputs"
        ? got.length === 1 && sameTensor(got[0]!, want[0]!)
        : got.some((g) => sameTensor(g, want[0]!));
    if (!ok) {
      problems.push({
        path: `onnx.${side}`,
        message: `expected ${want.map(show).join(", ")}; found ${got.map(show).join(", ") || "none"}`,
        expected: want.map(show),
        found: got.map(show),
      });
    }
  }
  if (found.fingerprint !== expected.fingerprint) {
    problems.push({
      path: "onnx.metadata",
      message: `expected metadata ${SCHEMA_FINGERPRINT_KEY} = ${expected.fingerprint}; found ${found.fingerprint ?? "none"}`,
      expected: [`${SCHEMA_FINGERPRINT_KEY}=${expected.fingerprint}`],
      found: found.fingerprint === null ? [] : [`${SCHEMA_FINGERPRINT_KEY}=${found.fingerprint}`],
    });
  }
  return problems;
}

/**
 * The whole check: declared interface first (names what differs), then onnxruntime must
 * open the file and score one row of zeros into one probability, so a file that declares
 * the right names but cannot run (unknown operator, broken graph) is refused too.
 */
export async function checkOnnxInterface(
  bytes: Uint8Array,
  schema: Pick<FeatureSchemaDescription, "dimension" | "fingerprint">,
): Promise<OnnxInterface> {
  const found = readOnnxInterface(bytes);
  const problems = compareOnnxInterface(found, schema);
  if (problems.length > 0) {
    throw new AppError(
      "unprocessable",
      "The model's inputs and outputs do not match the feature schema",
      problems,
    );
  }
  const ort = await onnxRuntime();
  let session: Awaited<ReturnType<typeof ort.InferenceSession.create>>;
  try {
    session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  } catch (err) {
    throw notOnnx(`onnxruntime cannot load it: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const zeros = new ort.Tensor("float32", new Float32Array(schema.dimension), [1, schema.dimension]);
    const out = (await session.run({ [ONNX_INPUT]: zeros }))[ONNX_OUTPUT];
    if (!out || out.data.length !== 1)
      throw new Error(`${ONNX_OUTPUT} holds ${out?.data.length ?? 0} values`);
  } catch (err) {
    throw new AppError("unprocessable", "The model does not run on the feature schema's input", [
      {
        path: "onnx",
        message: `fails on one row of ${schema.dimension} features: ${err instanceof Error ? err.message : String(err)}`,
      },
    ]);
  } finally {
    await session.release();
  }
  return found;
}
