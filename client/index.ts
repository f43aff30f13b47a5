/**
 * The typed Brandgate API client for downstream apps: paths, bodies, headers and responses
 * (including the error envelope) come from the OpenAPI document via client/schema.d.ts.
 *
 *   const bg = createBrandgateClient({ baseUrl: "https://brandgate.example.com", apiKey });
 *   const { data, error } = await bg.POST("/api/v1/checks", { body: { brandId, text, channel } });
 */
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./schema.js";

export type { components, paths };
/**
 * A JSON client: it reads `application/json` answers. For the chat stream
 * (`stream: true`, `text/event-stream`) use the `openai` client pointed at `/api/v1`.
 */
export type BrandgateClient = Client<paths, "application/json">;
export type ErrorEnvelope = { error: { code: string; message: string; details?: unknown } };

export interface BrandgateClientOptions {
  /** The Brandgate origin, e.g. `https://brandgate.example.com` (paths already start with /api/v1). */
  baseUrl: string;
  /** An API key (`bg_…`); omit to call public operations only. */
  apiKey?: string;
  /** Extra headers on every request (e.g. `x-brandgate-brand`). */
  headers?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
}

export function createBrandgateClient(options: BrandgateClientOptions): BrandgateClient {
  return createClient<paths, "application/json">({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    fetch: options.fetch,
    headers: {
      ...options.headers,
      ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
    },
  });
}
