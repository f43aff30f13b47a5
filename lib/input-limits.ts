/**
 * Input limits, declared once. The API's zod schemas use these (so the OpenAPI document shows
 * them), and server/api checks the depth of every JSON body before validation, so nothing
 * deeper reaches recursive code (hashing for Idempotency-Key, canonical JSON, jsonb).
 */
import { z } from "zod";

/** Nesting of a whole request body. */
export const MAX_BODY_DEPTH = 32;
/** Nesting, keys, and string length of a free-form object such as `audience`. */
export const MAX_OBJECT_DEPTH = 8;
export const MAX_OBJECT_KEYS = 200;
export const MAX_OBJECT_STRING = 2_000;
/** Money and counts: far above any real value, far below where sums lose precision. */
export const MAX_AMOUNT = 1_000_000_000;
/** Dates the API accepts, inclusive; years outside are typos or probes, and break date maths. */
export const MIN_DATE = "1970-01-01T00:00:00Z";
export const MAX_DATE = "2100-12-31T23:59:59Z";

/**
 * An uploaded personalisation model (ONNX). Brandgate's linear scorers are a few KiB; this
 * leaves room for a small tree ensemble, and its base64 form (4/3 larger) still fits the
 * API's 1 MiB body limit and Next.js's 1 MB server-action limit.
 */
export const MAX_ONNX_BYTES = 512 * 1024;

const minDate = Date.parse(MIN_DATE);
const maxDate = Date.parse(MAX_DATE);

/** An ISO 8601 date-time with an offset, between 1970 and 2100. */
export const apiDateTime = () =>
  z
    .string()
    .datetime({ offset: true, abort: true })
    .refine((s) => {
      const t = Date.parse(s);
      return Number.isFinite(t) && t >= minDate && t <= maxDate;
    }, "must be a date between 1970 and 2100")
    .meta({ format: "date-time", description: `Between ${MIN_DATE} and ${MAX_DATE}` });

/** A non-negative amount up to MAX_AMOUNT. */
export const apiAmount = () => z.number().finite().nonnegative().max(MAX_AMOUNT);

/**
 * A free-form JSON object (audience attributes): at most MAX_OBJECT_DEPTH deep, MAX_OBJECT_KEYS
 * keys in all, strings and keys at most MAX_OBJECT_STRING characters, numbers finite.
 */
export const boundedObject = () =>
  z
    .record(z.string().max(MAX_OBJECT_STRING), z.unknown())
    .superRefine((value, ctx) => {
      const problem = inspect(value);
      if (problem) ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
    })
    .meta({
      description: `At most ${MAX_OBJECT_DEPTH} levels deep, ${MAX_OBJECT_KEYS} keys in all, strings of at most ${MAX_OBJECT_STRING} characters`,
      maxProperties: MAX_OBJECT_KEYS,
    });

function inspect(root: unknown): { path: (string | number)[]; message: string } | null {
  let keys = 0;
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string" && value.length > MAX_OBJECT_STRING)
      return { path, message: `must be at most ${MAX_OBJECT_STRING} characters` };
    if (typeof value === "number" && !Number.isFinite(value)) return { path, message: "must be finite" };
    if (!value || typeof value !== "object") continue;
    if (path.length >= MAX_OBJECT_DEPTH)
      return { path, message: `is nested deeper than ${MAX_OBJECT_DEPTH} levels` };
    for (const [k, v] of Object.entries(value)) {
      if (++keys > MAX_OBJECT_KEYS) return { path, message: `has more than ${MAX_OBJECT_KEYS} keys in all` };
      stack.push({ value: v, path: [...path, Array.isArray(value) ? Number(k) : k] });
    }
  }
  return null;
}

/**
 * Walks any parsed JSON without recursion and reports the first place that is nested deeper
 * than `maxDepth` or holds text PostgreSQL cannot store (U+0000, an unpaired surrogate) —
 * at any depth. The path is cut short after a few levels: a 20,000-level path is no help.
 */
export function findUnacceptable(
  root: unknown,
  prefix: string,
  maxDepth = MAX_BODY_DEPTH,
): { path: string; message: string } | null {
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  const name = (path: string[]) =>
    [prefix, ...(path.length > 6 ? [...path.slice(0, 6), "…"] : path)].filter(Boolean).join(".");
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      if (unstorable(value)) return { path: name(path), message: UNSTORABLE };
      continue;
    }
    if (!value || typeof value !== "object") continue;
    if (path.length >= maxDepth)
      return { path: name(path), message: `is nested deeper than ${maxDepth} levels` };
    for (const [k, v] of Object.entries(value)) {
      if (unstorable(k)) return { path: name([...path, k]), message: UNSTORABLE };
      stack.push({ value: v, path: [...path, k] });
    }
  }
  return null;
}

const UNSTORABLE = "NUL (U+0000) and unpaired surrogates are not allowed";
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (s: string) => s.includes("\u0000") || LONE_SURROGATE.test(s);
