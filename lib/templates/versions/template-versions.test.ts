import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadStarterTemplates } from "@/lib/templates/load-starter-templates";
import { createBrand, createUser, signedIn } from "@/test/factories";
import { approveTemplateVersion } from "./approve-template-version";
import { createTemplateVersion } from "./create-template-version";
import { getUsableTemplateVersion } from "./get-usable-template-version";
import { listTemplates } from "./list-templates";
import { seedStarterTemplates } from "./seed-starter-templates";

async function people() {
  const brand = await createBrand();
  const session = async (role: "marketer" | "reviewer" | "admin") =>
    (await (await signedIn((await createUser(brand.id, role)).id)).session())!;
  return {
    brand,
    marketer: await session("marketer"),
    reviewer: await session("reviewer"),
    admin: await session("admin"),
  };
}

describe("template versions", () => {
  it("cannot be used until approved, and not approved by their author", async () => {
    const { brand, marketer, reviewer, admin } = await people();
    const [starter] = await loadStarterTemplates();
    const { version } = await createTemplateVersion(marketer, {
      brandId: brand.id,
      key: "promo",
      definition: starter!.definition,
    });
    await expect(getUsableTemplateVersion(brand.id, version.id)).rejects.toMatchObject({ code: "conflict" });
    await expect(
      approveTemplateVersion(marketer, { brandId: brand.id, versionId: version.id }),
    ).rejects.toMatchObject({ status: 403 });

    const own = await createTemplateVersion(admin, {
      brandId: brand.id,
      key: "promo",
      definition: starter!.definition,
    });
    expect(own.version.version).toBe(2);
    await expect(
      approveTemplateVersion(admin, { brandId: brand.id, versionId: own.version.id }),
    ).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining("author"),
    });

    await approveTemplateVersion(reviewer, { brandId: brand.id, versionId: version.id });
    const usable = await getUsableTemplateVersion(brand.id, version.id);
    expect(usable.definition.channel).toBe(starter!.definition.channel);
    const listed = await listTemplates(reviewer, brand.id);
    expect(listed[0]!.versions.map((v) => [v.version, v.approverRole])).toEqual([
      [2, null],
      [1, "reviewer"],
    ]);
  });

  it("refuses a template that does not compile, naming the line and column, and stores nothing", async () => {
    const { brand, marketer } = await people();
    const [starter] = await loadStarterTemplates();
    const broken = {
      ...starter!.definition,
      body: { ...starter!.definition.body, html: "<p>\n{{#if headline}}oops" },
    };
    const error = await createTemplateVersion(marketer, {
      brandId: brand.id,
      key: "broken",
      definition: broken,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "validation_failed" });
    const details = (error as { details: { line?: number; column?: number }[] }).details;
    expect(details.some((d) => typeof d.line === "number" && typeof d.column === "number")).toBe(true);
    expect(await listTemplates(marketer, brand.id)).toEqual([]);
  });

  it("are not usable from another brand", async () => {
    const { brand, admin } = await people();
    const other = await createBrand();
    await seedStarterTemplates(db(), brand.id, admin.user.id);
    const [first] = await listTemplates(admin, brand.id);
    await expect(getUsableTemplateVersion(other.id, first!.versions[0]!.versionId)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("seed the starter templates approved, once", async () => {
    const { brand, admin } = await people();
    expect(await seedStarterTemplates(db(), brand.id, admin.user.id)).toBeGreaterThanOrEqual(5);
    await seedStarterTemplates(db(), brand.id, admin.user.id);
    const listed = await listTemplates(admin, brand.id);
    expect(listed.length).toBeGreaterThanOrEqual(5);
    expect(new Set(listed.map((t) => t.template.channel))).toEqual(
      new Set(["email", "social", "display", "push", "landing"]),
    );
    expect(listed.every((t) => t.versions.length === 1 && t.versions[0]!.approvedAt)).toBe(true);
  });
});
