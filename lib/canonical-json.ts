/**
 * JSON with object keys sorted at every depth, so equal content serialises (and hashes)
 * equally whatever its key order. Undefined object values are left out, as JSON.stringify does.
 */
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
