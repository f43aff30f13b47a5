/**
 * Scores candidate variants for one audience with the model version's ONNX file.
 *
 * Sessions are cached per artifact SHA-256 in a small LRU: creating one costs
 * milliseconds, a warm run microseconds. Only a cache miss reads and verifies the bytes,
 * so `modelBytes` may be a loader that fetches the artifact only when needed. The cache is
 * per process and holds nothing another instance needs (DESIGN.md: shared state lives in
 * Postgres); every instance builds the same sessions from the same verified bytes.
 */
import { ONNX_INPUT, ONNX_OUTPUT } from "./export-onnx";
import type { Audience, FeatureSchemaDefinition, Variant } from "./feature-schema";
import { loadOnnxModel, type LoadedOnnxModel } from "./load-onnx-model";

/** Enough for every live rollout arm and a rollback target, small enough to bound memory. */
export const SESSION_CACHE_CAPACITY = 16;

interface Entry {
  model: Promise<LoadedOnnxModel>;
  /** Runs in progress: an evicted session is released only after its last run. */
  leases: number;
  evicted: boolean;
}

const cache = new Map<string, Entry>();

function release(entry: Entry): Promise<void> {
  // A load that failed has nothing to release; its error was already reported to its caller.
  return entry.model.then((m) => m.session.release()).catch(() => {});
}

function evictOverflow(): void {
  while (cache.size > SESSION_CACHE_CAPACITY) {
    // Map iteration order is insertion order, and hits re-insert: the first key is the LRU.
    const [key, entry] = cache.entries().next().value!;
    cache.delete(key);
    entry.evicted = true;
    if (entry.leases === 0) void release(entry);
  }
}

export interface ScoreCandidatesOptions {
  /** The model version's artifact SHA-256 (lower-case hex); also the cache key. */
  versionKey: string;
  modelBytes: Uint8Array | (() => Promise<Uint8Array>);
  /**
   * The feature schema definition stored with the same model version. Checked against the
   * model's fingerprint when the session is created; a cache hit reuses that encoder.
   */
  featureSchema: FeatureSchemaDefinition;
  audience: Audience;
  variants: readonly Variant[];
}

/** Probabilities of a positive outcome, in the order of `variants`. */
export async function scoreCandidates(options: ScoreCandidatesOptions): Promise<number[]> {
  const { versionKey, modelBytes, featureSchema, audience, variants } = options;
  let entry = cache.get(versionKey);
  if (entry) {
    cache.delete(versionKey);
    cache.set(versionKey, entry);
  } else {
    const model = (async () => {
      const bytes = typeof modelBytes === "function" ? await modelBytes() : modelBytes;
      return loadOnnxModel({ sha256: versionKey, bytes, featureSchema });
    })();
    entry = { model, leases: 0, evicted: false };
    cache.set(versionKey, entry);
    // A failed load must not be cached: the next request retries (e.g. after a fixed artifact).
    const failed = entry;
    model.catch(() => {
      if (cache.get(versionKey) === failed) cache.delete(versionKey);
    });
    evictOverflow();
  }
  entry.leases++;
  try {
    // Awaited even with no variants, so a bad artifact fails the same way every time.
    const { session, encoder, Tensor } = await entry.model;
    if (variants.length === 0) return [];
    const features = new Tensor("float32", encoder.encodeBatch(audience, variants), [
      variants.length,
      encoder.dimension,
    ]);
    const result = await session.run({ [ONNX_INPUT]: features });
    return Array.from(result[ONNX_OUTPUT]!.data as Float32Array);
  } finally {
    entry.leases--;
    if (entry.evicted && entry.leases === 0) void release(entry);
  }
}

/** Releases every cached session, for shutdown and tests. */
export async function releaseScoringSessions(): Promise<void> {
  const entries = [...cache.values()];
  cache.clear();
  for (const entry of entries) entry.evicted = true;
  await Promise.all(entries.filter((e) => e.leases === 0).map(release));
}

/** The cached version keys, least recently used first (for metrics and tests). */
export function cachedScoringVersions(): string[] {
  return [...cache.keys()];
}
