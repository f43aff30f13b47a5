/**
 * Issue 23, item 3: the one outbound client and the three paths over it (model calls through
 * post-json, admin-typed URLs through public-fetch, webhooks through post-webhook): a body past
 * the cap is cut with a clear error, a redirect is not followed, and the SSRF guard refuses a
 * private address on each path.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { listen } from "@/lib/http/testing/listen";
import { postWebhook } from "@/lib/webhooks/post-webhook";
import { outboundClient, readBody, ResponseTooLargeError } from "@/lib/http/outbound-request";
import { jsonPoster } from "@/lib/http/post-json";
import { publicFetch } from "@/lib/http/public-fetch";

const hits: string[] = [];
let server: { baseUrl: string; close: () => Promise<void> };
let origin = "";
beforeAll(async () => {
  server = await listen(
    http.createServer((req, res) => {
      hits.push(req.url!);
      req.resume();
      req.on("end", () => {
        if (req.url === "/huge") {
          // 4 MiB in 64 KiB chunks, as a misbehaving upstream would stream it.
          res.writeHead(200, { "content-type": "application/json" });
          const chunk = "x".repeat(64 * 1024);
          let left = 64;
          const more = () => {
            while (left > 0) {
              left--;
              if (!res.write(chunk)) return res.once("drain", more);
            }
            res.end();
          };
          more();
        } else if (req.url === "/redirect") {
          res.writeHead(302, { location: `${origin}/landed` }).end();
        } else {
          res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
        }
      });
    }),
  );
  origin = new URL(server.baseUrl).origin;
});
afterAll(() => server.close());

describe("outboundClient", () => {
  const { request } = outboundClient();

  it("cuts a body past the cap with ResponseTooLargeError naming the limit", async () => {
    const res = await request(new URL(`${origin}/huge`), { maxResponseBytes: 100_000 });
    const err = await readBody(res.body).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseTooLargeError);
    expect((err as Error).message).toBe(
      "the response is larger than the limit of 100000 bytes; it was cut off",
    );
  });

  it("does not follow a redirect unless asked, and then only as far as asked", async () => {
    const before = hits.length;
    const res = await request(new URL(`${origin}/redirect`));
    expect(res.status).toBe(302);
    expect(hits.slice(before)).toEqual(["/redirect"]);
    const followed = await request(new URL(`${origin}/redirect`), { maxRedirects: 1 });
    expect(followed.status).toBe(200);
    expect(hits.slice(before)).toEqual(["/redirect", "/redirect", "/landed"]);
  });

  it("a followed redirect to a private address is refused when guarded", async () => {
    // The first hop is allowed (the setting says so); then the setting changes: the hop is guarded.
    let allow = true;
    const guarded = outboundClient({ allowPrivate: () => allow });
    const res = await guarded.request(new URL(`${origin}/redirect`));
    expect(res.status).toBe(302);
    allow = false;
    await expect(guarded.request(new URL(`${origin}/redirect`), { maxRedirects: 1 })).rejects.toThrow(
      /private or reserved/,
    );
  });
});

describe("each outbound path over it", () => {
  it("post-json (model calls): cap, no redirect, guard", async () => {
    const post = jsonPoster();
    await expect(post(new URL(`${origin}/huge`), {}, { maxResponseBytes: 100_000 })).rejects.toBeInstanceOf(
      ResponseTooLargeError,
    );
    expect(await post(new URL(`${origin}/redirect`), {})).toMatchObject({ status: 302 });
    const guarded = jsonPoster(() => false);
    await expect(guarded(new URL(`${origin}/ok`), {})).rejects.toThrow(/private or reserved/);
    await expect(guarded(new URL(`http://localhost:${new URL(origin).port}/ok`), {})).rejects.toThrow(
      /private or reserved/,
    );
  });

  it("public-fetch (admin-typed URLs): cap, no redirect, guard", async () => {
    const open = publicFetch(() => true, { maxResponseBytes: 100_000 });
    const huge = await open(`${origin}/huge`);
    await expect(huge.text()).rejects.toThrow();
    expect((await open(`${origin}/redirect`, { redirect: "follow" })).status).toBe(302);
    const guarded = publicFetch(() => false);
    await expect(guarded(`${origin}/ok`)).rejects.toThrow(/private or reserved/);
    await expect(guarded(`http://localhost:${new URL(origin).port}/ok`)).rejects.toThrow(
      /private or reserved/,
    );
  });

  it("post-webhook: a huge answer is read only up to the cap, no redirect, guard", async () => {
    expect(await postWebhook(new URL(`${origin}/huge`), "{}", {}, 5000)).toEqual({ ok: true, status: 200 });
    expect(await postWebhook(new URL(`${origin}/redirect`), "{}", {}, 5000)).toMatchObject({
      ok: false,
      status: 302,
    });
    const before = process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
    delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
    resetEnvCache();
    try {
      expect(await postWebhook(new URL(`${origin}/ok`), "{}", {}, 5000)).toMatchObject({
        ok: false,
        status: null,
        error: expect.stringMatching(/private or reserved/),
      });
    } finally {
      process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = before;
      resetEnvCache();
    }
  });
});
