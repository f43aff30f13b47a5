/**
 * The TypeScript reference for the exported ONNX graph: score = σ(x·w + b). It is the
 * yardstick the ONNX file is tested against and a fallback when no ONNX session is
 * available. Weights are float32 (as stored in the ONNX file) but summed in float64, so
 * it differs from onnxruntime's float32 arithmetic only by that arithmetic's rounding.
 */
export interface LinearModel {
  /** One per feature slot, float32-representable (see train-logistic.ts). */
  weights: ArrayLike<number>;
  bias: number;
}

export interface ScoreReferenceOptions {
  model: LinearModel;
  /** Row-major `[n, weights.length]`. */
  rows: Float32Array;
}

export function scoreReference({ model, rows }: ScoreReferenceOptions): Float64Array {
  const d = model.weights.length;
  if (rows.length % d !== 0) throw new RangeError(`rows length ${rows.length} is not a multiple of ${d}`);
  const n = rows.length / d;
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = model.bias;
    const offset = i * d;
    for (let j = 0; j < d; j++) {
      const x = rows[offset + j]!;
      // One-hot rows are mostly zeros; skipping them is the reference's main speed-up.
      if (x !== 0) z += x * model.weights[j]!;
    }
    scores[i] = 1 / (1 + Math.exp(-z));
  }
  return scores;
}
