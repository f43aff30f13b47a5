/**
 * The personalisation feature schema: which audience and variant attributes a model sees
 * and how each becomes numbers. Training and serving both encode through the schema
 * stored with the model version, so a model is never fed features it was not trained on.
 *
 * The set of fields is code (a new field is a new `version`); vocabularies, bucket edges
 * and interactions are data, stored as JSON with each model version.
 */
import { z } from "zod";

/** Who the content is for. Validated at the edges; the encoder trusts these types. */
export const audienceSchema = z.object({
  segment: z.string(),
  locale: z.string(),
  device: z.string(),
  channel: z.string(),
  /** Null for a first visit. */
  daysSinceLastVisit: z.number().nonnegative().nullable(),
  visits30d: z.number().int().nonnegative(),
});
export type Audience = z.infer<typeof audienceSchema>;

/** What one candidate piece of content looks like. */
export const variantSchema = z.object({
  tone: z.string(),
  lengthWords: z.number().int().nonnegative(),
  hasOffer: z.boolean(),
  ctaType: z.string(),
});
export type Variant = z.infer<typeof variantSchema>;

/** One slot per value plus a trailing "other" slot, so unseen values still encode. */
const categorical = z.object({ values: z.array(z.string().min(1)).min(1) });
/** Edges e1 < e2 < …: slots (-∞, e1), [e1, e2), …, [ek, ∞), then a "missing" slot. */
const buckets = z.object({
  edges: z
    .array(z.number().finite())
    .min(1)
    .refine((e) => e.every((x, i) => i === 0 || x > e[i - 1]!), "Bucket edges must increase strictly"),
});
/** A boolean: one slot, 1 when true. */
const flag = z.object({});

export const audienceFields = [
  "segment",
  "locale",
  "device",
  "channel",
  "daysSinceLastVisit",
  "visits30d",
] as const;
export const variantFields = ["tone", "lengthWords", "hasOffer", "ctaType"] as const;
export type AudienceField = (typeof audienceFields)[number];
export type VariantField = (typeof variantFields)[number];

export const FEATURE_SCHEMA_VERSION = "personalisation-features/1";

export const featureSchemaDefinitionSchema = z.object({
  version: z.literal(FEATURE_SCHEMA_VERSION),
  audience: z.object({
    segment: categorical,
    locale: categorical,
    device: categorical,
    channel: categorical,
    daysSinceLastVisit: buckets,
    visits30d: buckets,
  }),
  variant: z.object({ tone: categorical, lengthWords: buckets, hasOffer: flag, ctaType: categorical }),
  /**
   * Audience × variant crosses. A linear model over main effects alone ranks variants the
   * same way for everyone; a cross such as segment × lengthWords lets "segment A prefers
   * short" and "segment B prefers long" coexist.
   */
  interactions: z.array(z.tuple([z.enum(audienceFields), z.enum(variantFields)])),
});
export type FeatureSchemaDefinition = z.infer<typeof featureSchemaDefinitionSchema>;

/**
 * The feature schema as stored with a model version (model_versions.feature_schema): the
 * definition that re-creates the encoder, the slot names a human reads next to the weights,
 * and a fingerprint that the ONNX file also carries.
 */
export const featureSchemaDescriptionSchema = z.object({
  version: z.string().min(1),
  /** SHA-256 hex of the definition's canonical JSON (keys sorted). */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, "a SHA-256 hex digest"),
  dimension: z.number().int().positive(),
  names: z.array(z.string()),
  definition: featureSchemaDefinitionSchema,
});
export type FeatureSchemaDescription = z.infer<typeof featureSchemaDescriptionSchema>;
