import { modelPolicySchema, type ModelPolicy } from "@/db/schema/json/model-policy";

// The schema lives in db (the models.policy column is typed by it).
export * from "@/db/schema/json/model-policy";

/** The stored policy with defaults filled in; a policy stored by an older release still parses. */
export function readModelPolicy(stored: unknown): ModelPolicy {
  return modelPolicySchema.parse(stored ?? {});
}
