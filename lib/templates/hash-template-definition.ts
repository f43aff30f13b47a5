import { createHash } from "node:crypto";

/** JSON with sorted keys, so the same content always hashes the same whatever its key order. */
export function canonicalJson(value: unknown, indent?: number): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(value), null, indent) ?? "null";
}

/**
 * SHA-256 of a definition's canonical JSON: the `content_hash` stored with a template
 * version and the key its compiled form is cached under.
 */
export function hashTemplateDefinition(definition: unknown): string {
  return createHash("sha256").update(canonicalJson(definition)).digest("hex");
}
