/**
 * Turns a feature schema into an encoder: audience × variant → a fixed-length Float32
 * one-hot vector (main effects, then interactions). Compiled once per model version so
 * per-request encoding is a few array writes.
 */
import {
  audienceFields,
  featureSchemaDefinitionSchema,
  variantFields,
  type Audience,
  type FeatureSchemaDefinition,
  type Variant,
} from "./feature-schema";

export interface FeatureEncoder {
  readonly version: string;
  readonly dimension: number;
  /** One human-readable name per slot, e.g. `segment=loyal×lengthWords=[40,120)`. */
  readonly names: readonly string[];
  /** Writes one vector at `out[offset … offset + dimension)`; the caller zeroes `out`. */
  encodeInto(out: Float32Array, offset: number, audience: Audience, variant: Variant): void;
  /** One row per variant, row-major `[variants.length, dimension]`. */
  encodeBatch(audience: Audience, variants: readonly Variant[]): Float32Array;
}

interface Field<T> {
  name: string;
  slots: string[];
  /** The active slot, or -1 when none is (a false flag). */
  slotOf(input: T): number;
}

function categoricalField<T>(name: string, values: string[], read: (input: T) => string): Field<T> {
  const index = new Map(values.map((v, i) => [v, i]));
  return {
    name,
    slots: [...values.map((v) => `${name}=${v}`), `${name}=<other>`],
    slotOf: (input) => index.get(read(input)) ?? values.length,
  };
}

function bucketField<T>(name: string, edges: number[], read: (input: T) => number | null): Field<T> {
  const slots = edges.map((edge, i) => (i === 0 ? `${name}<${edge}` : `${name}=[${edges[i - 1]},${edge})`));
  slots.push(`${name}>=${edges[edges.length - 1]}`, `${name}=<missing>`);
  return {
    name,
    slots,
    slotOf(input) {
      const value = read(input);
      if (value === null || Number.isNaN(value)) return edges.length + 1;
      let slot = 0;
      while (slot < edges.length && value >= edges[slot]!) slot++;
      return slot;
    },
  };
}

function flagField<T>(name: string, read: (input: T) => boolean): Field<T> {
  return { name, slots: [name], slotOf: (input) => (read(input) ? 0 : -1) };
}

function audienceField(
  schema: FeatureSchemaDefinition,
  name: (typeof audienceFields)[number],
): Field<Audience> {
  const spec = schema.audience;
  switch (name) {
    case "segment":
    case "locale":
    case "device":
    case "channel":
      return categoricalField(name, spec[name].values, (a) => a[name]);
    case "daysSinceLastVisit":
    case "visits30d":
      return bucketField(name, spec[name].edges, (a) => a[name]);
  }
}

function variantField(schema: FeatureSchemaDefinition, name: (typeof variantFields)[number]): Field<Variant> {
  const spec = schema.variant;
  switch (name) {
    case "tone":
    case "ctaType":
      return categoricalField(name, spec[name].values, (v) => v[name]);
    case "lengthWords":
      return bucketField(name, spec.lengthWords.edges, (v) => v.lengthWords);
    case "hasOffer":
      return flagField(name, (v) => v.hasOffer);
  }
}

export function compileFeatureEncoder(definition: FeatureSchemaDefinition): FeatureEncoder {
  // Parsing here means a schema read back from the database is checked before it is trusted.
  const schema = featureSchemaDefinitionSchema.parse(definition);
  const audience = audienceFields.map((name) => audienceField(schema, name));
  const variant = variantFields.map((name) => variantField(schema, name));
  const byAudienceName = new Map(audience.map((f) => [f.name, f]));
  const byVariantName = new Map(variant.map((f) => [f.name, f]));
  const crosses = schema.interactions.map(
    ([a, v]) => [byAudienceName.get(a)!, byVariantName.get(v)!] as const,
  );

  const names: string[] = [];
  const audienceOffsets = audience.map((f) => names.push(...f.slots) - f.slots.length);
  const variantOffsets = variant.map((f) => names.push(...f.slots) - f.slots.length);
  const crossOffsets = crosses.map(([a, v]) => {
    const start = names.length;
    for (const left of a.slots) for (const right of v.slots) names.push(`${left}×${right}`);
    return start;
  });
  const dimension = names.length;
  const crossAudienceIndex = crosses.map(([a]) => audience.indexOf(a));
  const crossVariantIndex = crosses.map(([, v]) => variant.indexOf(v));

  const audienceSlots = new Int32Array(audience.length);
  const variantSlots = new Int32Array(variant.length);
  function encodeInto(out: Float32Array, offset: number, a: Audience, v: Variant): void {
    for (let i = 0; i < audience.length; i++) {
      const slot = audience[i]!.slotOf(a);
      audienceSlots[i] = slot;
      if (slot >= 0) out[offset + audienceOffsets[i]! + slot] = 1;
    }
    for (let i = 0; i < variant.length; i++) {
      const slot = variant[i]!.slotOf(v);
      variantSlots[i] = slot;
      if (slot >= 0) out[offset + variantOffsets[i]! + slot] = 1;
    }
    for (let i = 0; i < crosses.length; i++) {
      const left = audienceSlots[crossAudienceIndex[i]!]!;
      const right = variantSlots[crossVariantIndex[i]!]!;
      if (left >= 0 && right >= 0)
        out[offset + crossOffsets[i]! + left * crosses[i]![1].slots.length + right] = 1;
    }
  }

  return {
    version: schema.version,
    dimension,
    names,
    encodeInto,
    encodeBatch(a, variants) {
      const out = new Float32Array(variants.length * dimension);
      for (let i = 0; i < variants.length; i++) encodeInto(out, i * dimension, a, variants[i]!);
      return out;
    },
  };
}
