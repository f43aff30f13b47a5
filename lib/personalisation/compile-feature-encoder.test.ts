import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileFeatureEncoder } from "./compile-feature-encoder";
import { describeFeatureSchema } from "./describe-feature-schema";
import { DEFAULT_FEATURE_SCHEMA, type Audience, type Variant } from "./feature-schema";

const audience: Audience = {
  segment: "loyal",
  locale: "en-GB",
  device: "mobile",
  channel: "email",
  daysSinceLastVisit: 3,
  visits30d: 12,
};
const variant: Variant = { tone: "warm", lengthWords: 30, hasOffer: true, ctaType: "buy" };

function active(vector: Float32Array, names: readonly string[]): string[] {
  return names.filter((_, i) => vector[i] === 1);
}

describe("compileFeatureEncoder", () => {
  const encoder = compileFeatureEncoder(DEFAULT_FEATURE_SCHEMA);

  it("names every slot once and encodes one-hot main effects and their crosses", () => {
    expect(new Set(encoder.names).size).toBe(encoder.dimension);
    const vector = encoder.encodeBatch(audience, [variant]);
    expect(vector).toHaveLength(encoder.dimension);
    expect(active(vector, encoder.names)).toEqual([
      "segment=loyal",
      "locale=en-GB",
      "device=mobile",
      "channel=email",
      "daysSinceLastVisit=[1,7)",
      "visits30d>=10",
      "tone=warm",
      "lengthWords<40",
      "hasOffer",
      "ctaType=buy",
      "segment=loyal×tone=warm",
      "segment=loyal×lengthWords<40",
      "segment=loyal×hasOffer",
      "segment=loyal×ctaType=buy",
      "channel=email×lengthWords<40",
      "device=mobile×lengthWords<40",
      "daysSinceLastVisit=[1,7)×hasOffer",
    ]);
    expect(vector.reduce((s, x) => s + x, 0)).toBe(17);
  });

  it("sends unseen values to <other>, null to <missing>, edges to the upper bucket, and false flags nowhere", () => {
    const vector = encoder.encodeBatch(
      { ...audience, segment: "martian", locale: "xx", daysSinceLastVisit: null, visits30d: 3 },
      [{ ...variant, lengthWords: 40, hasOffer: false, tone: "sarcastic" }],
    );
    const names = active(vector, encoder.names);
    expect(names).toContain("segment=<other>");
    expect(names).toContain("daysSinceLastVisit=<missing>");
    expect(names).toContain("visits30d=[3,10)");
    expect(names).toContain("lengthWords=[40,120)");
    expect(names).toContain("tone=<other>");
    expect(names.some((n) => n.includes("hasOffer"))).toBe(false);
  });

  it("lays out a batch as one row per variant", () => {
    const long = { ...variant, lengthWords: 500 };
    const batch = encoder.encodeBatch(audience, [variant, long]);
    const d = encoder.dimension;
    expect(batch.subarray(0, d)).toEqual(encoder.encodeBatch(audience, [variant]));
    expect(batch.subarray(d, 2 * d)).toEqual(encoder.encodeBatch(audience, [long]));
  });

  it("property: any audience and variant give a 0/1 vector with one slot per field and per active cross", () => {
    const text = fc.oneof(fc.string(), fc.constantFrom("loyal", "premium", "warm", "buy", "email", "mobile"));
    const audiences = fc.record({
      segment: text,
      locale: text,
      device: text,
      channel: text,
      daysSinceLastVisit: fc.option(fc.double({ min: 0, max: 1e4, noNaN: true }), { nil: null }),
      visits30d: fc.nat(1000),
    });
    const variants = fc.record({
      tone: text,
      lengthWords: fc.nat(5000),
      hasOffer: fc.boolean(),
      ctaType: text,
    });
    const crossesWithOffer = DEFAULT_FEATURE_SCHEMA.interactions.filter(([, v]) => v === "hasOffer").length;
    fc.assert(
      fc.property(audiences, variants, (a, v) => {
        const vector = encoder.encodeBatch(a, [v]);
        expect(vector.every((x) => x === 0 || x === 1)).toBe(true);
        // 6 audience fields + 3 variant fields always; the flag and its crosses only when true.
        const expected =
          9 +
          DEFAULT_FEATURE_SCHEMA.interactions.length -
          crossesWithOffer +
          (v.hasOffer ? 1 + crossesWithOffer : 0);
        expect(vector.reduce((s, x) => s + x, 0)).toBe(expected);
        expect(encoder.encodeBatch(a, [v])).toEqual(vector);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a malformed schema read back from storage", () => {
    const bad = structuredClone(DEFAULT_FEATURE_SCHEMA);
    bad.variant.lengthWords.edges = [120, 40];
    expect(() => compileFeatureEncoder(bad)).toThrow(/increase strictly/);
  });
});

describe("describeFeatureSchema", () => {
  it("round-trips through JSON to the same encoder and fingerprint", () => {
    const described = describeFeatureSchema(DEFAULT_FEATURE_SCHEMA);
    const restored = JSON.parse(JSON.stringify(described));
    expect(describeFeatureSchema(restored.definition).fingerprint).toBe(described.fingerprint);
    expect(compileFeatureEncoder(restored.definition).names).toEqual(described.names);
    expect(described.dimension).toBe(described.names.length);
  });

  it("changes the fingerprint when the encoding changes, not when keys are reordered", () => {
    const base = describeFeatureSchema(DEFAULT_FEATURE_SCHEMA).fingerprint;
    const widened = structuredClone(DEFAULT_FEATURE_SCHEMA);
    widened.audience.segment.values.push("students");
    expect(describeFeatureSchema(widened).fingerprint).not.toBe(base);
    const { interactions, variant, audience, version } = DEFAULT_FEATURE_SCHEMA;
    expect(describeFeatureSchema({ interactions, variant, audience, version }).fingerprint).toBe(base);
  });
});
