import type { z } from "zod";

export type StructuredOutput<T> = { ok: true; value: T } | { ok: false; issue: string };

/**
 * The JSON objects in a text, in order: each `{` starts a scan that tracks strings and
 * escapes, so braces inside string values do not count, and yields the first balanced span.
 */
function* balancedObjects(text: string): Generator<string> {
  for (let start = text.indexOf("{"); start >= 0; start = text.indexOf("{", start + 1)) {
    let depth = 0;
    let inString = false;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === "\\") i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) {
        yield text.slice(start, i + 1);
        break;
      }
    }
  }
}

/**
 * Reads slot values from what a model answered, tolerating what models wrap around JSON
 * even when asked not to: prose before and after, ```json fences, a nested object. The
 * first balanced object that parses and matches `schema` wins; otherwise the issue names
 * the closest miss (the first object that parsed), so a regeneration can be told why.
 */
export function parseStructuredOutput<S extends z.ZodType>(
  text: string,
  schema: S,
): StructuredOutput<z.infer<S>> {
  const unfenced = text.replace(/```(?:json|JSON)?\s*\n?/g, "");
  let firstMiss: string | null = null;
  for (const candidate of balancedObjects(unfenced)) {
    let value: unknown;
    try {
      value = JSON.parse(candidate);
    } catch {
      continue;
    }
    const result = schema.safeParse(value);
    if (result.success) return { ok: true, value: result.data };
    firstMiss ??= result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
  }
  return { ok: false, issue: firstMiss ?? "The answer contains no JSON object" };
}
