/**
 * fast-check arbitraries from the OpenAPI document's JSON schemas (2020-12), for fuzzing:
 * values the schema accepts, and ways to break them.
 */
import fc from "fast-check";
import { MAX_BODY_DEPTH, MAX_OBJECT_DEPTH } from "@/lib/input-limits";

export type JsonSchema = Record<string, unknown>;
/** A field name → a better arbitrary (e.g. the fixture's brand id), so valid inputs reach lib. */
export type Hints = (name: string) => fc.Arbitrary<unknown> | undefined;

const MAX_STRING = 60;
const MAX_ARRAY = 4;

export function resolveRef(schema: JsonSchema, doc: JsonSchema): JsonSchema {
  let s = schema;
  for (let i = 0; i < 20 && typeof s.$ref === "string"; i++) {
    const path = s.$ref.replace(/^#\//, "").split("/");
    s = path.reduce<JsonSchema>(
      (node, part) => node[part.replaceAll("~1", "/").replaceAll("~0", "~")] as JsonSchema,
      doc,
    );
  }
  return s;
}

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  const min = (s.minLength as number | undefined) ?? 0;
  const max = Math.max(min, Math.min((s.maxLength as number | undefined) ?? MAX_STRING, MAX_STRING));
  switch (s.format) {
    case "uuid":
      return fc.uuid();
    case "email":
      return fc.emailAddress();
    case "date-time":
      return fc
        .date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
        .map((d) => d.toISOString());
    case "uri":
    case "url":
      return fc.webUrl();
  }
  if (typeof s.pattern === "string") return fc.stringMatching(new RegExp(s.pattern));
  return fc.string({ minLength: min, maxLength: max, unit: "grapheme" });
}

/** Values valid against the schema (as far as JSON Schema says; refinements may still refuse). */
export function valueFor(
  schema: JsonSchema,
  doc: JsonSchema,
  hints: Hints,
  name = "",
): fc.Arbitrary<unknown> {
  const s = resolveRef(schema, doc);
  const hinted = name ? hints(name) : undefined;
  if (hinted) return hinted;
  if ("const" in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  for (const key of ["anyOf", "oneOf"] as const) {
    if (Array.isArray(s[key]))
      return fc.oneof(...(s[key] as JsonSchema[]).map((x) => valueFor(x, doc, hints, name)));
  }
  if (Array.isArray(s.allOf))
    return valueFor(Object.assign({}, ...(s.allOf as JsonSchema[])), doc, hints, name);
  const type = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string | undefined];
  if (type.length > 1) return fc.oneof(...type.map((t) => valueFor({ ...s, type: t }, doc, hints, name)));
  switch (type[0]) {
    case "string":
      return stringArb(s);
    case "integer":
      return fc.integer({
        min: Math.max((s.minimum as number | undefined) ?? -1e6, Number.MIN_SAFE_INTEGER),
        max: Math.min((s.maximum as number | undefined) ?? 1e6, Number.MAX_SAFE_INTEGER),
      });
    case "number":
      return fc.double({
        min: (s.minimum as number | undefined) ?? -1e6,
        max: (s.maximum as number | undefined) ?? 1e6,
        noNaN: true,
      });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const min = (s.minItems as number | undefined) ?? 0;
      const max = Math.max(min, Math.min((s.maxItems as number | undefined) ?? MAX_ARRAY, MAX_ARRAY));
      return fc.array(valueFor((s.items as JsonSchema | undefined) ?? {}, doc, hints), {
        minLength: min,
        maxLength: max,
      });
    }
    case "object": {
      const props = (s.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((s.required ?? []) as string[]);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, prop] of Object.entries(props)) record[key] = valueFor(prop, doc, hints, key);
      return fc.record(record, { requiredKeys: [...required].filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const WRONG_TYPE = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.string(),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.double(),
);

/** Bad Unicode: lone surrogates, a reversed pair, NUL, BOM, bidi overrides, noncharacters. */
export const BAD_UNICODE = fc.constantFrom(
  "\uD800",
  "\uDFFF",
  "a\uDC00b",
  "\uDBFF\uD800",
  "\u0000",
  "\uFEFFbom",
  "\u202Eevil\u202C",
  "\uFFFF\uFFFE",
  "𝕳𝖊𝖑𝖑𝖔\u200D\u200D",
  "e\u0301\u0301\u0301\u0301",
);

const FORBIDDEN_KEYS = ["__proto__", "constructor", "prototype"] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Paths to every value in a JSON value (for picking one to break). */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = at.length ? [at] : [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (isObj(v)) for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

function setAt(v: unknown, path: (string | number)[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(v) as Obj;
  let node = copy as Obj;
  for (const p of path.slice(0, -1)) node = node[p as string] as Obj;
  const last = path[path.length - 1]!;
  if (remove) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last as string];
  } else node[last as string] = value;
  return copy;
}

/**
 * JSON text of objects nested `depth` levels deep, the innermost holding `leaf` under `key`;
 * built as text, since JSON.stringify overflows the stack on 20,000 levels.
 */
function nested(depth: number, leaf: unknown = 1, key = "k"): string {
  return `${'{"k":'.repeat(depth - 1)}{${JSON.stringify(key)}:${JSON.stringify(leaf)}}${"}".repeat(depth - 1)}`;
}

/** `v` with the value at `path` replaced by the JSON text `json`. */
function withTextAt(v: unknown, path: (string | number)[], json: string): string {
  if (path.length === 0) return json;
  const marker = '"__FUZZ_MARK__"';
  return JSON.stringify(setAt(v, path, "__FUZZ_MARK__")).replace(marker, () => json);
}

/**
 * Deep nesting at, just past and far past the limits (MAX_OBJECT_DEPTH for free-form objects,
 * MAX_BODY_DEPTH for any body; 5,000 and 20,000 once answered 500 behind the idempotency layer).
 */
const DEPTHS = fc.constantFrom(
  MAX_OBJECT_DEPTH,
  MAX_OBJECT_DEPTH + 1,
  MAX_BODY_DEPTH,
  MAX_BODY_DEPTH + 1,
  5_000,
  20_000,
);

/** Dates at and past the accepted range, and ones JavaScript's Date reads oddly. */
export const EXTREME_DATES = fc.constantFrom(
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59-23:59",
  "1969-12-31T23:59:59Z",
  "2101-01-01T00:00:00Z",
  "+275760-09-13T00:00:00Z",
  "2024-02-30T00:00:00Z",
  "2024-01-01T24:00:00Z",
);

/** Numbers past every sane range; JSON text, since `1e999` reads as Infinity. */
const EXTREME_NUMBERS = fc.constantFrom("1e308", "-1e308", "1e999", "-0", "5e-324", "9007199254740993", "-1");

/** JSON text of a valid value broken in one way; strings, since some breakages JSON.stringify cannot say. */
export function brokenJson(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return valid.chain((v) => {
    const ps = paths(v);
    const pick = ps.length ? fc.constantFrom(...ps) : fc.constant<(string | number)[]>([]);
    return fc.oneof(
      // Wrong type somewhere, or for the whole body.
      fc.tuple(pick, WRONG_TYPE).map(([p, w]) => JSON.stringify(setAt(v, p, w))),
      WRONG_TYPE.map((w) => JSON.stringify(w)),
      // A field missing.
      pick.map((p) => JSON.stringify(setAt(v, p, undefined, true))),
      // Oversized strings and arrays.
      fc
        .tuple(pick, fc.constantFrom(201, 5_001, 100_001, 400_000))
        .map(([p, n]) => JSON.stringify(setAt(v, p, "x".repeat(n)))),
      fc.tuple(pick, fc.constantFrom(51, 1_000, 20_000)).map(([p, n]) =>
        JSON.stringify(
          setAt(
            v,
            p,
            Array.from({ length: n }, () => "a"),
          ),
        ),
      ),
      // Prototype keys, at the top and nested (a JSON literal, so the key is really there).
      fc.tuple(fc.constantFrom(...FORBIDDEN_KEYS), pick).map(([key, p]) => {
        const inner = `{"${key}":{"polluted":true,"isAdmin":true}}`;
        const marker = '"__MARK__"';
        const text = isObj(v) && p.length > 0 ? JSON.stringify(setAt(v, p, "__MARK__")) : marker;
        return text.replace(marker, inner);
      }),
      // Bad Unicode in a string, as JSON escapes (lone surrogates survive as \udXXX).
      fc.tuple(pick, BAD_UNICODE).map(([p, u]) => JSON.stringify(setAt(v, p, `x${u}x`))),
      // Deep nesting inside a field, at and past the limits.
      fc.tuple(pick, DEPTHS).map(([p, n]) => withTextAt(v, p, nested(n))),
      // NUL and lone surrogates at any depth, in a key or in a value.
      fc
        .tuple(pick, fc.integer({ min: 1, max: 40 }), BAD_UNICODE, fc.boolean())
        .map(([p, depth, u, inKey]) =>
          withTextAt(v, p, inKey ? nested(depth, 1, `k${u}`) : nested(depth, `x${u}x`)),
        ),
      // Extreme dates and numbers in any field.
      fc.tuple(pick, EXTREME_DATES).map(([p, d]) => JSON.stringify(setAt(v, p, d))),
      fc.tuple(pick, EXTREME_NUMBERS).map(([p, n]) => withTextAt(v, p, n)),
      // A real field given twice, the second time with a wrong type (JSON.parse keeps the last).
      fc.tuple(WRONG_TYPE).map(([w]) => {
        const text = JSON.stringify(v);
        const first = isObj(v) ? Object.keys(v)[0] : undefined;
        return first === undefined
          ? text
          : `${text.slice(0, -1)},${JSON.stringify(first)}:${JSON.stringify(w)}}`;
      }),
      // Deep nesting, truncated and non-JSON text.
      fc.constantFrom(1_000, 10_000).map((n) => "[".repeat(n) + "]".repeat(n)),
      fc.constant(JSON.stringify(v).slice(0, -1)),
      fc.constantFrom("", "null", "undefined", "{", "NaN", '{"a":1,"a":2}', "\u0000"),
    );
  });
}
