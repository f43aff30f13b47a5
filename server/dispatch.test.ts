import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDispatcher, isApiPath } from "./dispatch";

let server: http.Server;
let base: string;
const seen: { surface: string; headers: http.IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  const record = (surface: string) => (req: http.IncomingMessage, res: http.ServerResponse) => {
    seen.push({ surface, headers: { ...req.headers } });
    res.end(surface);
  };
  server = http.createServer(createDispatcher({ api: record("api"), ui: record("ui"), trustProxy: false }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the custom server's dispatcher", () => {
  it("sends /api/v1, health and metrics to Fastify, the rest to Next.js", async () => {
    expect(await (await fetch(`${base}/api/v1/openapi.json`)).text()).toBe("api");
    expect(await (await fetch(`${base}/api/health`)).text()).toBe("api");
    expect(await (await fetch(`${base}/api/metrics`)).text()).toBe("api");
    expect(await (await fetch(`${base}/api/admin/members`)).text()).toBe("ui");
    expect(await (await fetch(`${base}/api/v10`)).text()).toBe("ui");
    expect(isApiPath("/api/healthz")).toBe(false);
  });

  it("strips x-middleware-subrequest and spoofed client addresses before Next.js sees them", async () => {
    seen.length = 0;
    const res = await fetch(`${base}/admin`, {
      headers: {
        "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
        "x-brandgate-client-address": "1.2.3.4",
        "x-forwarded-for": "5.6.7.8",
      },
    });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const headers = seen[0]!.headers;
    expect(headers["x-middleware-subrequest"]).toBeUndefined();
    // Without TRUST_PROXY the socket's address wins over any header.
    expect(headers["x-brandgate-client-address"]).toBe("127.0.0.1");
  });
});
