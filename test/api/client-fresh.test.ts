/**
 * The committed client (client/openapi.json, client/schema.d.ts) must match the current
 * route schemas: whoever adds or changes a route runs `npm run api:client` and commits.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { DOCUMENT_FILE, SCHEMA_FILE, renderApiClient } from "@/scripts/generate-api-client";

describe("the generated API client", () => {
  it("is up to date with the OpenAPI document (run `npm run api:client` if not)", async () => {
    const { document, schema } = await renderApiClient();
    const stale = "client/ is stale against the route schemas: run `npm run api:client` and commit";
    expect(fs.readFileSync(DOCUMENT_FILE, "utf8"), stale).toBe(document);
    expect(fs.readFileSync(SCHEMA_FILE, "utf8"), stale).toBe(schema);
  });
});
