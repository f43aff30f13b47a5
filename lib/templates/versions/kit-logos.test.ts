import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { brandKitVersions } from "@/db/schema";
import type { UserPrincipal } from "@/lib/auth/principal";
import { uploadImageAsset } from "@/lib/brand/assets/upload-image-asset";
import { DEMO_KIT, type BrandKit } from "@/lib/brand/kit";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { loadStarterTemplates } from "@/lib/templates/load-starter-templates";
import { previewTemplate } from "@/lib/templates/versions/preview-template";
import { createBrand, createUser, signedIn } from "@/test/factories";
import { listLogoCandidates, readPublishedLogoBytes } from "@/lib/brand/kits/kit-logos";
import { publishKitVersion } from "@/lib/brand/kits/publish-kit-version";
import { latestKitVersion, saveKitVersion } from "@/lib/brand/kits/save-kit-version";

let brandId: string;
let admin: UserPrincipal;
let marketer: UserPrincipal;
let goodLogo: string;
let opaqueLogo: string;
let photoAsset: string;

const starters = await loadStarterTemplates({ dir: path.resolve(import.meta.dirname, "../../../templates") });
const landing = starters.find((s) => s.key === "landing-hero")!.definition;

/** A Forest-green mark on a transparent background: passes every logo check of the demo kit. */
async function transparentMark(width: number) {
  return sharp({ create: { width, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([
      {
        input: await sharp({
          create: { width: 200, height: 150, channels: 4, background: { r: 31, g: 92, b: 58, alpha: 1 } },
        })
          .png()
          .toBuffer(),
        top: 75,
        left: 100,
      },
    ])
    .png()
    .toBuffer();
}

async function saveAndPublish(kit: BrandKit, note: string) {
  const latest = await latestKitVersion(brandId);
  const row = await saveKitVersion(admin, {
    brandId,
    baseVersion: latest?.version ?? null,
    content: kit,
    note,
  });
  await publishKitVersion(admin, { brandId, versionId: row.id });
  return row;
}

async function previewHtml() {
  const preview = await previewTemplate(marketer, { brandId, definition: landing });
  if (!preview.ok) throw new Error("the starter template does not compile");
  return preview.parts.html!;
}

beforeAll(async () => {
  brandId = (await createBrand("Logo & Co")).id;
  admin = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
  marketer = (await (await signedIn((await createUser(brandId, "marketer")).id)).session())!;
  await saveAndPublish(DEMO_KIT, "first");
  const good = await uploadImageAsset(marketer, {
    brandId,
    name: "mark.png",
    bytes: await transparentMark(400),
    role: "logo",
  });
  expect(good.check!.blocked).toBe(false);
  goodLogo = good.asset.id;
  const opaque = await sharp({
    create: { width: 420, height: 300, channels: 4, background: { r: 31, g: 92, b: 58, alpha: 1 } },
  })
    .png()
    .toBuffer();
  opaqueLogo = (
    await uploadImageAsset(marketer, { brandId, name: "opaque.png", bytes: opaque, role: "logo" })
  ).asset.id;
  const photo = await transparentMark(440);
  photoAsset = (
    await uploadImageAsset(marketer, { brandId, name: "logo-photo.png", bytes: photo, role: "photo" })
  ).asset.id;
});

describe("the brand kit's logos", () => {
  it("without a kit logo, templates show the brand name as text", async () => {
    const html = await previewHtml();
    expect(html).not.toMatch(/<img\b/);
    expect(html).toMatch(/<span[^>]*>Logo &amp; Co<\/span>/);
  });

  it("lists the brand's logos with why a failed one cannot be picked", async () => {
    const candidates = await listLogoCandidates(marketer, brandId);
    const byId = new Map(candidates.map((c) => [c.assetId, c]));
    expect(byId.get(goodLogo)!.refusal).toBeNull();
    expect(byId.get(opaqueLogo)!.refusal).toMatch(/failed the logo checks \(.*logo-transparency/);
    expect(byId.has(photoAsset)).toBe(false);
  });

  it("renders the published kit's logo through the asset route, escaped", async () => {
    const v = await saveAndPublish({ ...DEMO_KIT, logos: [{ assetId: goodLogo }] }, "logo");
    expect(v.content.logos).toEqual([{ assetId: goodLogo }]);
    const html = await previewHtml();
    const url = `${getEnv().PUBLIC_URL}/api/assets/${goodLogo}/image?brandId=${brandId}`;
    expect(html).toContain(`<img src="${url.replace("&", "&amp;")}" alt="Logo &amp; Co"`);
    expect(html).not.toContain("brand-logo.svg");
    // Served without a session (emails, the sandboxed preview), but only the published kit's logos.
    expect((await readPublishedLogoBytes(brandId, goodLogo))?.mime).toBe("image/png");
    expect(await readPublishedLogoBytes(brandId, opaqueLogo)).toBeNull();
    expect(await readPublishedLogoBytes(brandId, photoAsset)).toBeNull();
  });

  it.each([
    ["failed the logo checks", () => opaqueLogo, /failed the logo checks/],
    ["is not a logo", () => photoAsset, /not a logo/],
    ["belongs to no asset of the brand", () => "00000000-0000-4000-8000-000000000000", /No such asset/],
  ])("refuses an asset that %s, naming the field, and saves no version", async (_what, id, message) => {
    const before = await latestKitVersion(brandId);
    await expect(
      saveKitVersion(admin, {
        brandId,
        baseVersion: before!.version,
        content: { ...DEMO_KIT, logos: [{ assetId: goodLogo }, { assetId: id() }] },
        note: "bad logo",
      }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      status: 400,
      details: [{ path: "logos.1.assetId", message: expect.stringMatching(message) }],
    });
    const rows = await db().select().from(brandKitVersions).where(eq(brandKitVersions.brandId, brandId));
    expect(rows.length).toBe(before!.version);
  });
});
