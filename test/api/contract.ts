/**
 * Contract checks against the live OpenAPI document (built from the route schemas, so a
 * route changed on this branch is checked as it is now, not as last generated): each
 * response is validated with Ajv (JSON Schema 2020-12, the OpenAPI 3.1 dialect) against the
 * schema the document gives for its operation and status.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { openApiDocument } from "@/scripts/generate-api-client";

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

type Json = Record<string, unknown>;
export interface Operation {
  /** `POST /api/v1/checks`: how cases are keyed. */
  key: string;
  method: HttpMethod;
  /** The OpenAPI path template, e.g. `/api/v1/content/{id}`. */
  path: string;
  operation: Json & {
    summary?: string;
    description?: string;
    tags?: string[];
    security?: Json[];
    parameters?: { name: string; in: string; required?: boolean; schema?: Json; description?: string }[];
    requestBody?: { required?: boolean; content?: Record<string, { schema?: Json }> };
    responses: Record<string, { description?: string; content?: Record<string, { schema?: Json }> }>;
  };
}

export const document = await openApiDocument();

export function operations(doc: Json = document): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as Operation["operation"] | undefined;
      if (operation) out.push({ key: `${method.toUpperCase()} ${path}`, method, path, operation });
    }
  }
  return out;
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats.default(ajv);
// The whole document under one id so `$ref: "#/components/…"` inside operation schemas resolves.
const DOC_ID = "brandgate-openapi";
ajv.addSchema({ ...document, $id: DOC_ID } as Json, DOC_ID);
const compiled = new Map<string, ValidateFunction>();

function pointerEscape(s: string): string {
  return s.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** The document's response entry for a status: exact, then `4XX`-style range, then `default`. */
export function responseFor(
  op: Operation,
  status: number,
): { key: string; schema: Json | undefined; contentTypes: string[] } | null {
  const responses = op.operation.responses;
  for (const key of [String(status), `${String(status)[0]}XX`, "default"]) {
    const entry = responses[key];
    if (entry)
      return {
        key,
        schema: entry.content?.["application/json"]?.schema,
        contentTypes: Object.keys(entry.content ?? {}),
      };
  }
  return null;
}

export function findOperation(method: string, path: string): Operation {
  const key = `${method.toUpperCase()} ${path}`;
  const op = operations().find((o) => o.key === key);
  if (!op) throw new Error(`${key} is not in the OpenAPI document`);
  return op;
}

export interface ContractResponse {
  status: number;
  body: unknown;
  contentType?: string | null;
}

/** Errors, or null when the response matches the document. */
export function contractViolations(op: Operation, res: ContractResponse): string | null {
  const entry = responseFor(op, res.status);
  if (!entry) {
    return `${op.key} answered ${res.status}, which the document does not declare (it has ${Object.keys(op.operation.responses).join(", ")})`;
  }
  // No content declared (204): no body. Only a non-JSON type declared (text/event-stream): that type.
  if (entry.contentTypes.length === 0)
    return res.body === undefined || res.body === null || res.body === ""
      ? null
      : `${op.key} ${res.status}: the document declares no body, got ${JSON.stringify(res.body).slice(0, 200)}`;
  if (!entry.schema) {
    const type = res.contentType?.split(";")[0]?.trim().toLowerCase();
    return type === undefined || entry.contentTypes.includes(type)
      ? null
      : `${op.key} ${res.status}: content-type ${res.contentType}, the document says ${entry.contentTypes.join(", ")}`;
  }
  // Another documented media type of a JSON response (the chat stream's text/event-stream)
  // has no JSON to check.
  const mediaType = res.contentType?.split(";")[0]?.trim().toLowerCase();
  if (mediaType && mediaType !== "application/json" && entry.contentTypes.includes(mediaType)) return null;
  if (res.contentType != null && !/^application\/json\b/i.test(res.contentType)) {
    return `${op.key} ${res.status}: content-type ${res.contentType}, the document says application/json`;
  }
  const ref = `${DOC_ID}#/paths/${pointerEscape(op.path)}/${op.method}/responses/${pointerEscape(entry.key)}/content/application~1json/schema`;
  let validate = compiled.get(ref);
  if (!validate) {
    validate = ajv.getSchema(ref);
    if (!validate) throw new Error(`cannot compile ${ref}`);
    compiled.set(ref, validate);
  }
  if (validate(res.body)) return null;
  return `${op.key} ${res.status} does not match the document: ${ajv.errorsText(validate.errors, { separator: "; " })}\nbody: ${JSON.stringify(res.body).slice(0, 500)}`;
}

/** Fails the test unless the response matches the document's schema for (operation, status). */
export function expectContract(method: string, path: string, res: ContractResponse): void {
  const violation = contractViolations(findOperation(method, path), res);
  expect(violation, violation ?? "").toBeNull();
}

/** The same for an openapi-fetch result (`{ data, error, response }`). */
export function expectClientContract(
  method: string,
  path: string,
  result: { data?: unknown; error?: unknown; response: Response },
): void {
  expectContract(method, path, {
    status: result.response.status,
    body: result.response.ok ? result.data : result.error,
    contentType: result.response.headers.get("content-type"),
  });
}
