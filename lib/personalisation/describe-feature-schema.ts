/**
 * The feature schema as stored with a model version: the definition that re-creates the
 * encoder, the slot names a human reads next to the weights, and a fingerprint that the
 * ONNX file also carries, so a scorer can refuse a model paired with the wrong schema.
 */
import { createHash } from "node:crypto";
import { compileFeatureEncoder } from "./compile-feature-encoder";
import { featureSchemaDefinitionSchema, type FeatureSchemaDefinition } from "./feature-schema";
import type { FeatureSchemaDescription } from "@/db/schema/json/feature-schema";
import { canonicalJson } from "@/lib/canonical-json";

export type { FeatureSchemaDescription };

export function describeFeatureSchema(definition: FeatureSchemaDefinition): FeatureSchemaDescription {
  // Hash the parsed form, so keys zod would strip cannot change the fingerprint.
  const parsed = featureSchemaDefinitionSchema.parse(definition);
  const encoder = compileFeatureEncoder(parsed);
  return {
    version: encoder.version,
    fingerprint: createHash("sha256").update(canonicalJson(parsed)).digest("hex"),
    dimension: encoder.dimension,
    names: [...encoder.names],
    definition: parsed,
  };
}
