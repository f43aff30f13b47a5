import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/canonical-json";

/**
 * SHA-256 of a definition's canonical JSON: the `content_hash` stored with a template
 * version and the key its compiled form is cached under.
 */
export function hashTemplateDefinition(definition: unknown): string {
  return createHash("sha256").update(canonicalJson(definition)).digest("hex");
}
