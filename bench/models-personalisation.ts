/**
 * Personalisation scoring latency: onnxruntime-node (the serving path, `scoreCandidates`)
 * against the TypeScript reference scorer on the same inputs, for 1 and 100 candidates.
 * Both timings include encoding the features, which every real request pays. The reference
 * is the floor: the same arithmetic with nothing around it, measured in the same run. Issue
 * 9's goal is a p99 of at most 1 ms per scoring call (one call scores every candidate).
 *
 *   npm run bench:personalisation
 */
import { compileFeatureEncoder } from "@/lib/personalisation/compile-feature-encoder";
import { createRng } from "@/lib/stats/create-rng";
import { exportOnnx } from "@/lib/personalisation/export-onnx";
import { DEFAULT_FEATURE_SCHEMA, type Variant } from "@/lib/personalisation/feature-schema";
import { generateSyntheticEvents } from "@/lib/personalisation/generate-synthetic-events";
import { releaseScoringSessions, scoreCandidates } from "@/lib/personalisation/score-candidates";
import { scoreReference } from "@/lib/personalisation/score-reference";
import { trainLogistic } from "@/lib/personalisation/train-logistic";

const WARMUP = 2_000;
const GOAL_P99_US = 1_000;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20_000);

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function measure(run: () => unknown): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < WARMUP; i++) await run();
  const samples = new Float64Array(ITERATIONS);
  for (let i = 0; i < ITERATIONS; i++) {
    const start = process.hrtime.bigint();
    await run();
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  samples.sort();
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) };
}

const t0 = performance.now();
const events = generateSyntheticEvents({ customers: 6000, exposuresPerCustomer: 4, seed: "bench" });
const trained = trainLogistic({
  events,
  featureSchema: DEFAULT_FEATURE_SCHEMA,
  window: { start: "2026-01-01", end: "2026-02-01" },
  seed: "bench",
});
const trainMs = performance.now() - t0;
const artifact = exportOnnx({ model: trained, featureSchema: trained.featureSchema });
const encoder = compileFeatureEncoder(DEFAULT_FEATURE_SCHEMA);

const rng = createRng("bench-candidates");
const pick = <T>(items: readonly T[]) => items[Math.floor(rng.next() * items.length)]!;
const { variant: spec } = DEFAULT_FEATURE_SCHEMA;
const variants: Variant[] = Array.from({ length: 100 }, () => ({
  tone: pick(spec.tone.values),
  lengthWords: Math.floor(rng.next() * 300),
  hasOffer: rng.next() < 0.5,
  ctaType: pick(spec.ctaType.values),
}));
const audience = events[0]!.audience;

console.log(
  `trained on ${events.length} events in ${trainMs.toFixed(0)} ms; D = ${encoder.dimension}; ` +
    `holdout AUC ${trained.metrics.holdout.auc?.toFixed(3)}; ${ITERATIONS} iterations after ${WARMUP} warm-up`,
);
console.log("candidates  scorer       p50 µs    p99 µs   onnx ÷ reference: p50   p99");
const goals: string[] = [];
for (const n of [1, 100]) {
  const candidates = variants.slice(0, n);
  const onnx = await measure(() =>
    scoreCandidates({
      versionKey: artifact.sha256,
      modelBytes: artifact.bytes,
      featureSchema: DEFAULT_FEATURE_SCHEMA,
      audience,
      variants: candidates,
    }),
  );
  const reference = await measure(() =>
    scoreReference({ model: trained, rows: encoder.encodeBatch(audience, candidates) }),
  );
  const row = (name: string, r: { p50: number; p99: number }, ratio = "") =>
    console.log(
      `${String(n).padStart(10)}  ${name.padEnd(10)} ${r.p50.toFixed(2).padStart(9)} ${r.p99.toFixed(2).padStart(9)}   ${ratio}`,
    );
  row(
    "onnx",
    onnx,
    `${(onnx.p50 / reference.p50).toFixed(1).padStart(21)}× ${(onnx.p99 / reference.p99).toFixed(1).padStart(5)}×`,
  );
  row("reference", reference);
  goals.push(
    `${n} candidate(s): onnx p99 ${onnx.p99.toFixed(0)} µs ${onnx.p99 <= GOAL_P99_US ? "≤" : ">"} ${GOAL_P99_US} µs: ${onnx.p99 <= GOAL_P99_US ? "held" : "NOT held"}`,
  );
}
console.log(`\nGoal, p99 per scoring call ≤ 1 ms — ${goals.join("; ")}`);
await releaseScoringSessions();
