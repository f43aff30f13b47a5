/**
 * Issue 23, item 6: /api/v1 answers carry the security headers — a success, an error, and an
 * unknown route — and HSTS only when PUBLIC_URL is https.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { buildApi } from "@/server/api/app";

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApi();
});
afterAll(() => app.close());

describe("/api/v1 security headers", () => {
  it("are on a success, an error and an unknown route", async () => {
    for (const url of ["/api/v1/openapi.json", "/api/v1/content", "/api/v1/nope"]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.headers["content-security-policy"], url).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(res.headers["permissions-policy"]).toContain("camera=()");
      expect(res.headers["strict-transport-security"]).toBeUndefined();
    }
  });

  it("add HSTS when PUBLIC_URL is https", async () => {
    const before = process.env.PUBLIC_URL;
    process.env.PUBLIC_URL = "https://brandgate.example";
    resetEnvCache();
    const secure = await buildApi();
    try {
      const res = await secure.inject({ method: "GET", url: "/api/v1/openapi.json" });
      expect(res.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    } finally {
      await secure.close();
      if (before === undefined) delete process.env.PUBLIC_URL;
      else process.env.PUBLIC_URL = before;
      resetEnvCache();
    }
  });
});
