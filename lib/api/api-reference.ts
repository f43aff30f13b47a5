/**
 * A readable model of an OpenAPI 3.1 document for the /docs/api reference page: operations
 * grouped by tag, each with its auth, parameters, body and response fields flattened into
 * rows, and a curl example with a body built from the schema.
 */
type Json = Record<string, unknown>;

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

export interface SchemaRow {
  /** Dotted path, `[]` for array items: `messages[].role`. */
  name: string;
  type: string;
  required: boolean;
  /** Limits, formats, enums, defaults, in words. */
  notes: string[];
  description?: string;
}

export interface ReferenceOperation {
  id: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  /** Scopes a key needs; null when the operation is public. */
  scopes: string[] | null;
  parameters: { name: string; in: string; required: boolean; type: string; notes: string[] }[];
  body: SchemaRow[] | null;
  responses: { status: string; description: string; rows: SchemaRow[]; error: boolean }[];
  curl: string;
}

export interface ReferenceGroup {
  tag: string;
  operations: ReferenceOperation[];
}

function resolve(schema: Json | undefined, doc: Json): Json {
  let s = schema ?? {};
  for (let i = 0; i < 20 && typeof s.$ref === "string"; i++) {
    s = s.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce<Json>((n, p) => (n[p.replaceAll("~1", "/").replaceAll("~0", "~")] ?? {}) as Json, doc);
  }
  return s;
}

/** The non-null branches of an anyOf/oneOf, and whether null was one of them. */
function variants(s: Json, doc: Json): { options: Json[]; nullable: boolean } {
  const list = ((s.anyOf ?? s.oneOf) as Json[] | undefined)?.map((x) => resolve(x, doc));
  if (!list) return { options: [s], nullable: Array.isArray(s.type) && s.type.includes("null") };
  const options = list.filter((x) => x.type !== "null");
  return { options, nullable: options.length < list.length };
}

export function typeOf(schema: Json | undefined, doc: Json): string {
  const s = resolve(schema, doc);
  const { options, nullable } = variants(s, doc);
  if (options.length !== 1 || options[0] !== s) {
    const inner = options.map((o) => typeOf(o, doc)).join(" | ") || "null";
    return nullable ? `${inner} | null` : inner;
  }
  if ("const" in s) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  const type = Array.isArray(s.type) ? s.type.join(" | ") : (s.type as string | undefined);
  if (type === "array") return `${typeOf(s.items as Json, doc)}[]`;
  if (type === "string" && s.format) return `string (${String(s.format)})`;
  return type ?? "any";
}

function notesOf(s: Json): string[] {
  const notes: string[] = [];
  const add = (key: string, label: string) =>
    s[key] !== undefined && notes.push(`${label} ${String(s[key])}`);
  add("minLength", "min length");
  add("maxLength", "max length");
  add("minItems", "min items");
  add("maxItems", "max items");
  add("minimum", "≥");
  add("maximum", "≤");
  if (s.default !== undefined) notes.push(`default ${JSON.stringify(s.default)}`);
  return notes;
}

/** Flattens an object schema into rows, a few levels deep (deeper shapes are summarized by type). */
export function schemaRows(schema: Json | undefined, doc: Json, prefix = "", depth = 0): SchemaRow[] {
  const s = resolve(schema, doc);
  const { options } = variants(s, doc);
  const obj = options.length === 1 ? options[0]! : s;
  const rows: SchemaRow[] = [];
  const props = (obj.properties ?? {}) as Record<string, Json>;
  const required = new Set((obj.required ?? []) as string[]);
  for (const [key, raw] of Object.entries(props)) {
    const p = resolve(raw, doc);
    const name = prefix ? `${prefix}.${key}` : key;
    rows.push({
      name,
      type: typeOf(p, doc),
      required: required.has(key),
      notes: notesOf(p),
      description: p.description as string | undefined,
    });
    if (depth >= 3) continue;
    const inner = variants(p, doc).options;
    const target = inner.length === 1 ? inner[0]! : p;
    if (target.type === "object") rows.push(...schemaRows(target, doc, name, depth + 1));
    if (target.type === "array") {
      const item = resolve(target.items as Json, doc);
      if (item.type === "object" || item.anyOf) rows.push(...schemaRows(item, doc, `${name}[]`, depth + 1));
    }
  }
  return rows;
}

/** A plausible value for a schema: required fields only, first enum value, placeholder ids. */
export function exampleFor(schema: Json | undefined, doc: Json, name = ""): unknown {
  const s = resolve(schema, doc);
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const { options } = variants(s, doc);
  if (options[0] !== s && options[0]) return exampleFor(options[0], doc, name);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "object": {
      const props = (s.properties ?? {}) as Record<string, Json>;
      const required = (s.required ?? []) as string[];
      const keys = required.length ? required : Object.keys(props).slice(0, 2);
      return Object.fromEntries(keys.map((k) => [k, exampleFor(props[k], doc, k)]));
    }
    case "array":
      return [exampleFor(s.items as Json, doc, name)];
    case "integer":
    case "number":
      return (s.minimum as number | undefined) ?? 1;
    case "boolean":
      return true;
    case "string":
      if (s.format === "uuid") return `<${name || "id"}>`;
      if (s.format === "date-time") return "2026-01-01T00:00:00.000Z";
      return name === "content" || name === "text"
        ? "Our new rain jacket keeps hikers dry."
        : `<${name || "value"}>`;
    default:
      return null;
  }
}

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

export function curlFor(
  op: Omit<ReferenceOperation, "curl">,
  bodySchema: Json | undefined,
  doc: Json,
): string {
  const lines = [`curl -X ${op.method} "$BRANDGATE_URL${op.path}"`];
  if (op.scopes) lines.push(`-H "Authorization: Bearer $BRANDGATE_API_KEY"`);
  for (const p of op.parameters.filter((x) => x.in === "header" && x.required))
    lines.push(`-H "${p.name}: <${p.name}>"`);
  if (bodySchema) {
    lines.push(`-H "Content-Type: application/json"`);
    lines.push(`-d ${shellQuote(JSON.stringify(exampleFor(bodySchema, doc)))}`);
  }
  return lines.join(" \\\n  ");
}

export function apiReference(doc: Json): ReferenceGroup[] {
  const groups = new Map<string, ReferenceOperation[]>();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const security = op.security as Record<string, string[]>[] | undefined;
      const bodySchema = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
      const jsonBody = bodySchema?.["application/json"]?.schema as Json | undefined;
      const base = {
        id: `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, "-").replace(/^-|-$/g, ""),
        method: method.toUpperCase(),
        path,
        summary: (op.summary as string | undefined) ?? `${method.toUpperCase()} ${path}`,
        description: op.description as string | undefined,
        scopes: security?.length ? security.flatMap((r) => Object.values(r).flat()) : null,
        parameters: ((op.parameters ?? []) as Json[]).map((p) => ({
          name: String(p.name),
          in: String(p.in),
          required: p.required === true,
          type: typeOf(p.schema as Json, doc),
          notes: notesOf(resolve(p.schema as Json, doc)),
        })),
        body: jsonBody ? schemaRows(jsonBody, doc) : null,
        responses: Object.entries((op.responses ?? {}) as Record<string, Json>).map(([status, r]) => {
          const schema = ((r.content as Record<string, Json> | undefined)?.["application/json"]?.schema ??
            undefined) as Json | undefined;
          return {
            status,
            description: String(r.description ?? ""),
            rows: schemaRows(schema, doc),
            error: !status.startsWith("2"),
          };
        }),
      };
      const tag = ((op.tags as string[] | undefined) ?? ["other"])[0]!;
      groups.set(tag, [...(groups.get(tag) ?? []), { ...base, curl: curlFor(base, jsonBody, doc) }]);
    }
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([tag, operations]) => ({ tag, operations }));
}
