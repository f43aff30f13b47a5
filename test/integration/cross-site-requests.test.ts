/**
 * Cross-site request forgery: a form on a sibling subdomain or another port of the same host
 * is "same site", so the Lax session cookie rides along. Every state-changing route handler
 * must refuse a request whose Origin (or Sec-Fetch-Site) says it came from elsewhere.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { assets } from "@/db/schema";
import { db } from "@/lib/db";
import { createBrand, createUser, signedIn } from "@/test/factories";

const { POST: uploadAsset } = await import("@/app/api/assets/route");

async function upload(headers: Record<string, string>) {
  const brand = await createBrand();
  const user = await createUser(brand.id, "marketer");
  const login = await signedIn(user.id);
  const form = new FormData();
  form.set("brandId", brand.id);
  form.set("name", "planted");
  form.set("text", "Buy now from evil.example");
  const body = new Request("http://x", { method: "POST", body: form });
  const res = await uploadAsset(
    new Request("http://localhost:3000/api/assets", {
      method: "POST",
      headers: {
        cookie: login.cookie,
        host: "localhost:3000",
        "content-type": body.headers.get("content-type")!,
        ...headers,
      },
      body: await body.arrayBuffer(),
    }),
    undefined,
  );
  const stored = await db().$count(assets, and(eq(assets.brandId, brand.id), eq(assets.name, "planted")));
  return { res, stored };
}

describe("state-changing route handlers", () => {
  it.each([
    ["another port of the same host", { origin: "http://localhost:4000" }],
    ["a sibling subdomain", { origin: "http://evil.localhost:3000" }],
    ["an opaque origin (sandboxed frame, file:)", { origin: "null" }],
    ["a browser saying cross-site without an Origin", { "sec-fetch-site": "cross-site" }],
    ["a browser saying same-site without an Origin", { "sec-fetch-site": "same-site" }],
  ])("refuse an upload from %s and store nothing", async (_, headers) => {
    const { res, stored } = await upload(headers);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      error: { code: "forbidden", message: expect.stringMatching(/origin/i) },
    });
    expect(stored).toBe(0);
  });

  it.each([
    ["the app's own origin", { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }],
    ["a non-browser client (no Origin, no Sec-Fetch-Site)", {}],
  ])("accept an upload from %s", async (_, headers) => {
    const { res, stored } = await upload(headers);
    expect(res.status).toBe(201);
    expect(stored).toBe(1);
  });
});
