/**
 * Regenerates client/openapi.json and client/schema.d.ts from the route schemas.
 *   npm run api:client
 */
import fs from "node:fs";
import { DOCUMENT_FILE, SCHEMA_FILE, renderApiClient } from "./generate-api-client";

const { document, schema } = await renderApiClient();
fs.writeFileSync(DOCUMENT_FILE, document);
fs.writeFileSync(SCHEMA_FILE, schema);
console.log(`wrote ${DOCUMENT_FILE} and ${SCHEMA_FILE}`);
process.exit(0);
