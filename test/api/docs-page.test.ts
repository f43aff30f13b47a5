/**
 * /docs/api lists every operation in the OpenAPI document, with its auth, a curl example,
 * and its responses — rendered on the server from the document, as Next renders it.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import ApiDocsPage from "@/app/docs/api/page";
import { operations } from "./contract";

describe("/docs/api", () => {
  const html = renderToStaticMarkup(createElement(ApiDocsPage));
  const text = html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");

  it.each(operations().map((op) => [op.key, op] as const))(
    "lists %s with its summary, auth and a curl example",
    (_, op) => {
      expect(text).toContain(`${op.method.toUpperCase()} ${op.path}`);
      if (op.operation.summary) expect(text).toContain(op.operation.summary);
      expect(text).toMatch(
        new RegExp(
          `curl -X ${op.method.toUpperCase()} "\\$BRANDGATE_URL${op.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`,
        ),
      );
      const scopes = op.operation.security?.flatMap((r) => Object.values(r).flat() as string[]) ?? [];
      for (const scope of scopes) expect(text).toContain(scope);
    },
  );

  it("shows request body fields and the error envelope", () => {
    expect(text).toContain("brandId (required)");
    expect(text).toContain("messages[].role");
    expect(text).toContain("the error envelope");
  });
});
