import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { postWebhook } from "./post-webhook";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<URL> {
  server = createServer(handler);
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`);
}

describe("postWebhook", () => {
  it("gives up on a receiver that does not answer within the timeout", async () => {
    const url = await serve(() => {});
    const started = Date.now();
    expect(await postWebhook(url, "{}", {}, 300)).toEqual({
      ok: false,
      status: null,
      error: "timed out after 300 ms",
    });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("does not follow redirects: a 3xx is a failed attempt", async () => {
    const url = await serve((_req, res) => res.writeHead(302, { location: "http://169.254.169.254/" }).end());
    expect(await postWebhook(url, "{}", {}, 2000)).toMatchObject({ ok: false, status: 302 });
  });

  it("keeps only the start of a failing answer's body", async () => {
    const url = await serve((_req, res) => res.writeHead(500).end("x".repeat(100_000)));
    const result = await postWebhook(url, "{}", {}, 2000);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeLessThanOrEqual(600);
  });

  it("reports a refused connection", async () => {
    const url = await serve((_req, res) => res.end());
    await new Promise((r) => server!.close(r));
    server = undefined;
    expect(await postWebhook(url, "{}", {}, 2000)).toMatchObject({
      ok: false,
      status: null,
      error: expect.stringContaining("ECONNREFUSED"),
    });
  });

  it("refuses, at connect time, a host name that resolves to a private address", async () => {
    const url = await serve((_req, res) => res.end());
    url.hostname = "localhost";
    const before = process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
    delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
    resetEnvCache();
    try {
      const result = await postWebhook(url, "{}", {}, 2000);
      expect(result).toMatchObject({ ok: false, status: null });
      if (!result.ok)
        expect(result.error).toMatch(/^refused: localhost resolves to a private or reserved address/);
    } finally {
      process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = before;
      resetEnvCache();
    }
  });
});
