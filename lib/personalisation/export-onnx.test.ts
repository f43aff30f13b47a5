import { afterAll, describe, expect, it } from "vitest";
import * as ort from "onnxruntime-node";
import onnxProto from "onnx-proto";
import { createRng } from "@/lib/stats/create-rng";
import { DEFAULT_FEATURE_SCHEMA } from "./feature-schema";
import { exportOnnx, ONNX_INPUT, ONNX_OUTPUT, SCHEMA_FINGERPRINT_KEY } from "./export-onnx";
import { generateSyntheticEvents, SYNTHETIC_VARIANTS } from "./generate-synthetic-events";
import { loadOnnxModel, type LoadedOnnxModel } from "./load-onnx-model";
import { scoreReference } from "./score-reference";
import { trainLogistic } from "./train-logistic";

const trained = trainLogistic({
  events: generateSyntheticEvents({ customers: 3000, exposuresPerCustomer: 4, seed: "onnx-world" }),
  featureSchema: DEFAULT_FEATURE_SCHEMA,
  window: { start: "2026-01-01", end: "2026-02-01" },
  seed: "onnx",
});
const artifact = exportOnnx({ model: trained, featureSchema: trained.featureSchema });
const sessions: LoadedOnnxModel[] = [];
afterAll(async () => Promise.all(sessions.map((s) => s.session.release())));

async function open(model = artifact) {
  const loaded = await loadOnnxModel({ ...model, featureSchema: DEFAULT_FEATURE_SCHEMA });
  sessions.push(loaded);
  return loaded;
}

async function runOnnx(loaded: LoadedOnnxModel, rows: Float32Array, n: number): Promise<Float32Array> {
  const d = loaded.encoder.dimension;
  const result = await loaded.session.run({ [ONNX_INPUT]: new ort.Tensor("float32", rows, [n, d]) });
  expect(result[ONNX_OUTPUT]!.dims).toEqual([n, 1]);
  return result[ONNX_OUTPUT]!.data as Float32Array;
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe("exportOnnx", () => {
  it("writes a graph onnxruntime accepts, with the declared input, output and schema metadata", async () => {
    const { session } = await open();
    expect(session.inputNames).toEqual([ONNX_INPUT]);
    expect(session.outputNames).toEqual([ONNX_OUTPUT]);
    const proto = onnxProto.onnx.ModelProto.decode(artifact.bytes);
    expect(Number(proto.irVersion)).toBe(8);
    expect(Number(proto.opsetImport[0]?.version)).toBe(13);
    expect(proto.metadataProps.find((p) => p.key === SCHEMA_FINGERPRINT_KEY)?.value).toBe(
      trained.featureSchema.fingerprint,
    );
    expect(artifact.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is byte-for-byte reproducible, so the same model keeps the same SHA-256", () => {
    expect(exportOnnx({ model: trained, featureSchema: trained.featureSchema }).sha256).toBe(artifact.sha256);
    const nudged = { ...trained, bias: trained.bias + 1 };
    expect(exportOnnx({ model: nudged, featureSchema: trained.featureSchema }).sha256).not.toBe(
      artifact.sha256,
    );
  });

  it("matches the TypeScript reference scorer to 1e-6 on 1,000 random feature vectors", async () => {
    const loaded = await open();
    const d = loaded.encoder.dimension;
    const rng = createRng("parity");
    const n = 1000;
    // Dense vectors in [-1, 1): much harder on float32 accumulation than real one-hot rows.
    const rows = Float32Array.from({ length: n * d }, () => 2 * rng.next() - 1);
    const onnxScores = await runOnnx(loaded, rows, n);
    const reference = scoreReference({ model: trained, rows });
    expect(onnxScores).toHaveLength(n);
    expect(maxAbsDifference(onnxScores, reference)).toBeLessThan(1e-6);
    // The scores spread over (0, 1); a parity check on constant outputs would prove nothing.
    expect(Math.max(...reference) - Math.min(...reference)).toBeGreaterThan(0.5);
  });

  it("matches the reference on real encoded candidates too", async () => {
    const loaded = await open();
    const rng = createRng("real");
    const { segment, locale, device, channel } = DEFAULT_FEATURE_SCHEMA.audience;
    const pick = (values: string[]) => values[Math.floor(rng.next() * values.length)]!;
    for (let i = 0; i < 50; i++) {
      const audience = {
        segment: pick([...segment.values, "unknown"]),
        locale: pick(locale.values),
        device: pick(device.values),
        channel: pick(channel.values),
        daysSinceLastVisit: rng.next() < 0.2 ? null : rng.next() * 90,
        visits30d: Math.floor(rng.next() * 20),
      };
      const rows = loaded.encoder.encodeBatch(audience, SYNTHETIC_VARIANTS);
      const onnxScores = await runOnnx(loaded, rows, SYNTHETIC_VARIANTS.length);
      expect(maxAbsDifference(onnxScores, scoreReference({ model: trained, rows }))).toBeLessThan(1e-6);
    }
  });

  it("refuses weights that do not fit the schema", () => {
    expect(() =>
      exportOnnx({ model: { weights: [1, 2], bias: 0 }, featureSchema: trained.featureSchema }),
    ).toThrow(/dimension/);
  });
});
