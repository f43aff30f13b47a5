import { eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { assets, checkRuns } from "@/db/schema";
import { resolveSession } from "@/lib/auth/resolve-session";
import type { UserPrincipal } from "@/lib/auth/principal";
import { DEMO_KIT } from "@/lib/brand/kit";
import { publishKitVersion } from "@/lib/brand/kits/publish-kit-version";
import { saveKitVersion } from "@/lib/brand/kits/save-kit-version";
import { blobStore } from "@/lib/brand/storage/blob-store";
import { db } from "@/lib/db";
import { createBrand, createUser, signedIn } from "@/test/factories";
import { createCopyAsset } from "./create-copy-asset";
import { uploadImageAsset } from "./upload-image-asset";

let brandId: string;
let marketer: UserPrincipal;
let reviewer: UserPrincipal;

beforeAll(async () => {
  const brand = await createBrand();
  brandId = brand.id;
  const admin = await signedIn((await createUser(brandId, "admin")).id);
  marketer = (await (await signedIn((await createUser(brandId, "marketer")).id)).session())!;
  reviewer = (await (await signedIn((await createUser(brandId, "reviewer")).id)).session())!;
  const adminSession = (await admin.session())!;
  const v1 = await saveKitVersion(adminSession, {
    brandId,
    baseVersion: null,
    content: DEMO_KIT,
    note: "first",
  });
  await publishKitVersion(adminSession, { brandId, versionId: v1.id });
});

async function photo(format: "jpeg" | "png", width = 800, height = 600) {
  const base = sharp({ create: { width, height, channels: 3, background: { r: 30, g: 90, b: 60 } } });
  return format === "jpeg"
    ? base
        .jpeg()
        .withExif({
          IFD0: { Copyright: "Someone", Make: "PhoneCo" },
          IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1" },
        })
        .toBuffer()
    : base.png().toBuffer();
}

describe("image assets", () => {
  it("strips EXIF and GPS metadata on ingest", async () => {
    const original = await photo("jpeg");
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const { asset } = await uploadImageAsset(marketer, { brandId, name: "field.jpg", bytes: original });
    const stored = await blobStore().get(asset.storageKey!);
    const meta = await sharp(stored!).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(stored!.includes(Buffer.from("PhoneCo"))).toBe(false);
    expect(asset.mime).toBe("image/jpeg");
  });

  it("decides the type from the bytes, not the name", async () => {
    const png = await photo("png", 640, 480);
    const { asset } = await uploadImageAsset(marketer, { brandId, name: "looks-like.jpg", bytes: png });
    expect(asset.mime).toBe("image/png");
    await expect(
      uploadImageAsset(marketer, {
        brandId,
        name: "innocent.png",
        bytes: Buffer.from("<svg onload=alert(1)>not really</svg>"),
      }),
    ).rejects.toMatchObject({ code: "unsupported_media_type", status: 415 });
  });

  it("de-duplicates the same image per brand and records which kit version checked it", async () => {
    const png = await photo("png", 700, 500);
    const first = await uploadImageAsset(marketer, { brandId, name: "a.png", bytes: png });
    const second = await uploadImageAsset(marketer, { brandId, name: "b.png", bytes: png });
    expect(second.deduplicated).toBe(true);
    expect(second.asset.id).toBe(first.asset.id);
    expect(await db().$count(assets, eq(assets.sha256, first.asset.sha256))).toBe(1);
    const runs = await db().select().from(checkRuns).where(eq(checkRuns.subjectId, first.asset.id));
    expect(runs).toHaveLength(1);
    expect(runs[0]!.kitVersionId).toBeTruthy();
  });

  it("checks an image as the role chosen at upload, whatever its file name says", async () => {
    // An opaque, on-palette mark named without "logo": chosen as a logo, it gets the logo checks.
    const mark = await sharp({
      create: { width: 800, height: 600, channels: 4, background: { r: 31, g: 92, b: 58, alpha: 1 } },
    })
      .png()
      .toBuffer();
    const asLogo = await uploadImageAsset(marketer, {
      brandId,
      name: "hero-mark.png",
      bytes: mark,
      role: "logo",
    });
    expect(asLogo.asset.imageRole).toBe("logo");
    const ids = asLogo.check!.results.map((r) => r.checkId);
    expect(ids).toContain("logo-transparency");
    expect(asLogo.check!.results.find((r) => r.checkId === "logo-transparency")!.verdict).toBe("fail");
    expect(asLogo.check!.blocked).toBe(true);

    // No role given: a photo, so no logo checks — even when the name says "logo".
    const other = await photo("png", 820, 600);
    const asPhoto = await uploadImageAsset(marketer, { brandId, name: "company-logo.png", bytes: other });
    expect(asPhoto.asset.imageRole).toBe("photo");
    expect(asPhoto.check!.results.map((r) => r.checkId)).not.toContain("logo-transparency");
  });

  it("refuses an unknown role with a 4xx naming the field, storing nothing", async () => {
    const before = await db().$count(assets, eq(assets.brandId, brandId));
    await expect(
      uploadImageAsset(marketer, {
        brandId,
        name: "x.png",
        bytes: await photo("png", 830, 600),
        role: "banner" as never,
      }),
    ).rejects.toMatchObject({ status: 400, details: [expect.objectContaining({ path: "role" })] });
    expect(await db().$count(assets, eq(assets.brandId, brandId))).toBe(before);
  });

  it("refuses an oversize upload with 413 and stores nothing", async () => {
    const before = await db().$count(assets, eq(assets.brandId, brandId));
    const huge = Buffer.alloc(11 * 1024 * 1024, 1);
    await expect(
      uploadImageAsset(marketer, { brandId, name: "huge.png", bytes: huge }),
    ).rejects.toMatchObject({
      status: 413,
      code: "payload_too_large",
    });
    expect(await db().$count(assets, eq(assets.brandId, brandId))).toBe(before);
  });

  it("is refused to a reviewer (403)", async () => {
    await expect(
      uploadImageAsset(reviewer, { brandId, name: "x.png", bytes: await photo("png") }),
    ).rejects.toMatchObject({ status: 403 });
  });
});

describe("copy snippets", () => {
  it("are checked against the published kit, with the score recorded", async () => {
    const { asset, check } = await createCopyAsset(marketer, {
      brandId,
      name: "intro",
      text: "Our gear is cheap and guaranteed to last.",
    });
    expect(asset.kind).toBe("copy");
    expect(check).not.toBeNull();
    expect(check!.score).toBeGreaterThanOrEqual(0);
    expect(check!.score).toBeLessThan(100);
    const clean = await createCopyAsset(marketer, {
      brandId,
      name: "clean",
      text: "Explore the trails with gear built for the outdoors.",
    });
    expect(clean.check!.score).toBeGreaterThan(check!.score);
  });

  it("name the field at fault on bad input and store nothing", async () => {
    await expect(createCopyAsset(marketer, { brandId, name: "", text: "x" })).rejects.toMatchObject({
      code: "validation_failed",
      details: [expect.objectContaining({ path: "name" })],
    });
  });
});

describe("brand kit versions", () => {
  it("refuse a save from a stale base with 409", async () => {
    const admin = await resolveSession((await signedIn((await createUser(brandId, "admin")).id)).sessionId);
    await expect(
      saveKitVersion(admin, { brandId, baseVersion: null, content: DEMO_KIT }),
    ).rejects.toMatchObject({ code: "conflict" });
    const v2 = await saveKitVersion(admin, {
      brandId,
      baseVersion: 1,
      content: { ...DEMO_KIT },
      note: "second",
    });
    expect(v2.version).toBe(2);
  });

  it("let only an admin publish", async () => {
    await expect(
      publishKitVersion(marketer, { brandId, versionId: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toMatchObject({ status: 403 });
  });
});
