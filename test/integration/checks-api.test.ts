import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_KIT } from "@/lib/brand/kit";
import { createCopyAsset } from "@/lib/brand/assets/create-copy-asset";
import { diffKitVersions } from "@/lib/brand/kits/diff-kit-versions";
import { publishKitVersion } from "@/lib/brand/kits/publish-kit-version";
import { saveKitVersion } from "@/lib/brand/kits/save-kit-version";
import { buildApi } from "@/server/api/app";
import { createBrand, createUser, signedIn } from "@/test/factories";

let app: FastifyInstance;
let brandId: string;
let cookie: string;
let assetId: string;

beforeAll(async () => {
  app = await buildApi();
  brandId = (await createBrand()).id;
  const admin = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
  const marketerLogin = await signedIn((await createUser(brandId, "marketer")).id);
  cookie = marketerLogin.cookie;
  const v1 = await saveKitVersion(admin, { brandId, baseVersion: null, content: DEMO_KIT });
  await publishKitVersion(admin, { brandId, versionId: v1.id });
  assetId = (
    await createCopyAsset((await marketerLogin.session())!, {
      brandId,
      name: "s",
      text: "Cheap boots from TrailCo.",
    })
  ).asset.id;
});
afterAll(() => app.close());

const post = (payload: unknown, headers: Record<string, string> = { cookie }) =>
  app.inject({ method: "POST", url: "/api/v1/checks", headers, payload: payload as object });

describe("POST /api/v1/checks", () => {
  it("checks text for a channel and assets against the published kit, naming the kit version", async () => {
    const res = await post({
      brandId,
      text: "Email me at jo@example.com — our cheap raincoat is guaranteed!",
      channel: "email",
      phase: "output",
      assetIds: [assetId],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.kitVersion).toBe(1);
    const failing = body.text.results
      .filter((r: { verdict: string }) => r.verdict !== "pass")
      .map((r: { checkId: string }) => r.checkId);
    expect(failing).toEqual(
      expect.arrayContaining(["pii", "terminology", "required-disclaimers", "legal-claims"]),
    );
    expect(body.text.legalReview).toBe(true);
    expect(body.text.fixes.length).toBeGreaterThan(0);
    expect(body.assets[0]).toMatchObject({ assetId });
    expect(
      body.assets[0].results.some(
        (r: { checkId: string; verdict: string }) => r.checkId === "competitor-names" && r.verdict === "fail",
      ),
    ).toBe(true);
  });

  it("names the field at fault: text without a channel, or nothing to check", async () => {
    const noChannel = await post({ brandId, text: "hello" });
    expect(noChannel.statusCode).toBe(400);
    expect(noChannel.json().error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "channel" })]),
    );
    const nothing = await post({ brandId });
    expect(nothing.statusCode).toBe(400);
  });

  it("answers 404 for an asset of another brand and 401 without a session", async () => {
    const res = await post({ brandId, assetIds: ["00000000-0000-4000-8000-000000000000"] });
    expect(res.statusCode).toBe(404);
    expect((await post({ brandId, text: "x", channel: "social" }, {})).statusCode).toBe(401);
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/checks", "/api/v1/chat/completions"]),
    );
  });
});

describe("kit version diff", () => {
  it("shows changed lines regardless of key order", () => {
    const changed = { ...DEMO_KIT, threshold: 80 };
    const lines = diffKitVersions(DEMO_KIT, changed).filter((l) => l.kind !== "same");
    expect(lines).toEqual([
      { kind: "removed", text: '  "threshold": 70,' },
      { kind: "added", text: '  "threshold": 80,' },
    ]);
    const reordered = Object.fromEntries(Object.entries(DEMO_KIT).reverse());
    expect(diffKitVersions(DEMO_KIT, reordered).every((l) => l.kind === "same")).toBe(true);
  });
});
