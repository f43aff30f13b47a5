import {
  FEATURE_SCHEMA_VERSION,
  featureSchemaDefinitionSchema,
  featureSchemaDescriptionSchema,
  type FeatureSchemaDefinition,
} from "@/db/schema/json/feature-schema";

// The schemas live in db (events.audience, events.variant and model_versions.feature_schema are typed by them).
export * from "@/db/schema/json/feature-schema";

/** The starting schema; a deployment can widen the vocabularies and store its own. */
export const DEFAULT_FEATURE_SCHEMA: FeatureSchemaDefinition = {
  version: FEATURE_SCHEMA_VERSION,
  audience: {
    segment: { values: ["new", "loyal", "lapsed", "bargain", "premium", "business"] },
    locale: { values: ["en-GB", "en-US", "de-DE", "fr-FR", "es-ES", "nl-NL"] },
    device: { values: ["mobile", "desktop", "tablet"] },
    channel: { values: ["email", "web", "app", "sms"] },
    daysSinceLastVisit: { edges: [1, 7, 30] },
    visits30d: { edges: [1, 3, 10] },
  },
  variant: {
    tone: { values: ["warm", "formal", "playful", "urgent"] },
    lengthWords: { edges: [40, 120] },
    hasOffer: {},
    ctaType: { values: ["buy", "learn", "signup", "contact"] },
  },
  interactions: [
    ["segment", "tone"],
    ["segment", "lengthWords"],
    ["segment", "hasOffer"],
    ["segment", "ctaType"],
    ["channel", "lengthWords"],
    ["device", "lengthWords"],
    ["daysSinceLastVisit", "hasOffer"],
  ],
};

const storedDescription = featureSchemaDescriptionSchema.pick({ definition: true });

/**
 * The definition in a version's `feature_schema`: the trainer and uploads store the whole
 * description (definition, fingerprint, slot names), older rows and hand-made ones the bare
 * definition. Readers that build an encoder take either.
 */
export function featureSchemaDefinitionOf(stored: unknown): FeatureSchemaDefinition {
  const described = storedDescription.safeParse(stored);
  return described.success ? described.data.definition : featureSchemaDefinitionSchema.parse(stored);
}
