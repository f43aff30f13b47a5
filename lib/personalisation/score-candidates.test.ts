import { afterEach, describe, expect, it, vi } from "vitest";
import { compileFeatureEncoder } from "./compile-feature-encoder";
import { describeFeatureSchema } from "./describe-feature-schema";
import { exportOnnx } from "./export-onnx";
import { DEFAULT_FEATURE_SCHEMA, type Audience } from "./feature-schema";
import { generateSyntheticEvents, SYNTHETIC_VARIANTS } from "./generate-synthetic-events";
import {
  cachedScoringVersions,
  releaseScoringSessions,
  scoreCandidates,
  SESSION_CACHE_CAPACITY,
} from "./score-candidates";
import { scoreReference } from "./score-reference";
import { trainLogistic } from "./train-logistic";

const schema = describeFeatureSchema(DEFAULT_FEATURE_SCHEMA);
const encoder = compileFeatureEncoder(DEFAULT_FEATURE_SCHEMA);

/** A model whose weights are a simple function of `seed`, so each seed is a distinct artifact. */
function modelFor(seed: number) {
  const weights = Array.from({ length: schema.dimension }, (_, j) =>
    Math.fround(Math.sin(seed * 7 + j) * 0.8),
  );
  const model = { weights, bias: Math.fround(-1 + seed / 100) };
  return { model, ...exportOnnx({ model, featureSchema: schema }) };
}

const audience: Audience = {
  segment: "bargain",
  locale: "de-DE",
  device: "desktop",
  channel: "web",
  daysSinceLastVisit: 0.5,
  visits30d: 4,
};

afterEach(releaseScoringSessions);

describe("scoreCandidates", () => {
  it("returns one score per variant, in order, equal to the reference scorer", async () => {
    const { model, bytes, sha256 } = modelFor(1);
    const scores = await scoreCandidates({
      versionKey: sha256,
      modelBytes: bytes,
      featureSchema: DEFAULT_FEATURE_SCHEMA,
      audience,
      variants: SYNTHETIC_VARIANTS,
    });
    const reference = scoreReference({ model, rows: encoder.encodeBatch(audience, SYNTHETIC_VARIANTS) });
    expect(scores).toHaveLength(SYNTHETIC_VARIANTS.length);
    scores.forEach((s, i) => expect(Math.abs(s - reference[i]!)).toBeLessThan(1e-6));
    const reversed = await scoreCandidates({
      versionKey: sha256,
      modelBytes: bytes,
      featureSchema: DEFAULT_FEATURE_SCHEMA,
      audience,
      variants: [...SYNTHETIC_VARIANTS].reverse(),
    });
    expect(reversed).toEqual([...scores].reverse());
  });

  it("loads the bytes once per version: a warm call does not read the artifact", async () => {
    const { bytes, sha256 } = modelFor(2);
    const load = vi.fn(async () => bytes);
    const options = { versionKey: sha256, modelBytes: load, featureSchema: DEFAULT_FEATURE_SCHEMA, audience };
    // Concurrent first calls share one load rather than racing to create two sessions.
    await Promise.all([
      scoreCandidates({ ...options, variants: SYNTHETIC_VARIANTS }),
      scoreCandidates({ ...options, variants: SYNTHETIC_VARIANTS.slice(0, 1) }),
    ]);
    await scoreCandidates({ ...options, variants: SYNTHETIC_VARIANTS });
    expect(load).toHaveBeenCalledTimes(1);
    expect(await scoreCandidates({ ...options, variants: [] })).toEqual([]);
  });

  it("refuses bytes that do not match the version's SHA-256, and does not cache the failure", async () => {
    const good = modelFor(3);
    const other = modelFor(4);
    const options = { featureSchema: DEFAULT_FEATURE_SCHEMA, audience, variants: SYNTHETIC_VARIANTS };
    await expect(
      scoreCandidates({ ...options, versionKey: good.sha256, modelBytes: other.bytes }),
    ).rejects.toThrow(/SHA-256/);
    expect(cachedScoringVersions()).not.toContain(good.sha256);
    await expect(
      scoreCandidates({ ...options, versionKey: good.sha256, modelBytes: good.bytes }),
    ).resolves.toHaveLength(SYNTHETIC_VARIANTS.length);
  });

  it("refuses a model paired with a different feature schema", async () => {
    const { bytes, sha256 } = modelFor(5);
    const widened = structuredClone(DEFAULT_FEATURE_SCHEMA);
    widened.audience.segment.values.push("students");
    await expect(
      scoreCandidates({
        versionKey: sha256,
        modelBytes: bytes,
        featureSchema: widened,
        audience,
        variants: [],
      }),
    ).rejects.toThrow(/different feature schema/);
  });

  it(`keeps at most ${SESSION_CACHE_CAPACITY} sessions, evicting the least recently used`, async () => {
    const models = Array.from({ length: SESSION_CACHE_CAPACITY + 2 }, (_, i) => modelFor(10 + i));
    const score = (m: (typeof models)[number]) =>
      scoreCandidates({
        versionKey: m.sha256,
        modelBytes: m.bytes,
        featureSchema: DEFAULT_FEATURE_SCHEMA,
        audience,
        variants: SYNTHETIC_VARIANTS,
      });
    for (const m of models.slice(0, SESSION_CACHE_CAPACITY)) await score(m);
    await score(models[0]!); // now the most recently used
    await score(models[SESSION_CACHE_CAPACITY]!);
    await score(models[SESSION_CACHE_CAPACITY + 1]!);
    const cached = cachedScoringVersions();
    expect(cached).toHaveLength(SESSION_CACHE_CAPACITY);
    expect(cached).toContain(models[0]!.sha256);
    expect(cached).not.toContain(models[1]!.sha256);
    expect(cached).not.toContain(models[2]!.sha256);
    // An evicted version still scores: it is simply loaded again.
    await expect(score(models[1]!)).resolves.toHaveLength(SYNTHETIC_VARIANTS.length);
  });

  it("serves what training learned: trained → exported → ranked first per segment through onnxruntime", async () => {
    const trained = trainLogistic({
      events: generateSyntheticEvents({ customers: 6000, exposuresPerCustomer: 4, seed: "serve-world" }),
      featureSchema: DEFAULT_FEATURE_SCHEMA,
      window: { start: "2026-01-01", end: "2026-02-01" },
      seed: "serve",
    });
    const { bytes, sha256 } = exportOnnx({ model: trained, featureSchema: trained.featureSchema });
    const best = async (segment: string) => {
      const scores = await scoreCandidates({
        versionKey: sha256,
        modelBytes: bytes,
        // As the integrator will: the definition read back from the model version's JSON.
        featureSchema: JSON.parse(JSON.stringify(trained.featureSchema)).definition,
        audience: { ...audience, segment },
        variants: SYNTHETIC_VARIANTS,
      });
      return SYNTHETIC_VARIANTS[scores.indexOf(Math.max(...scores))]!.id;
    };
    expect(await best("bargain")).toBe("short-offer");
    expect(await best("premium")).toBe("long-plain");
  });
});
