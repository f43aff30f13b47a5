import { createHash } from "node:crypto";

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** SHA-256 over canonical JSON of what a revision says and what it was made from. */
export function contentHash(parts: {
  slots: unknown;
  rendered: unknown;
  kitVersionId: string;
  templateVersionId: string;
  modelVersionId: string | null;
}): string {
  return createHash("sha256")
    .update(JSON.stringify(canonical(parts)))
    .digest("hex");
}
