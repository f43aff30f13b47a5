/**
 * Versions are immutable in the database itself, not only because no code updates them:
 * a trigger refuses UPDATE of a brand kit, template or model version or a content revision,
 * and a direct DELETE (a cascade from deleting the parent still works).
 */
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { brandKitVersions, brands } from "@/db/schema";
import { DEMO_KIT } from "@/lib/brand/kit";
import { saveKitVersion } from "@/lib/brand/kits/save-kit-version";
import { db } from "@/lib/db";
import { createBrand, createUser, signedIn } from "@/test/factories";

const refusal = (statement: ReturnType<typeof sql>) =>
  db()
    .execute(statement)
    .then(
      () => "allowed",
      (err: Error) => String((err.cause as Error | undefined)?.message ?? err.message),
    );

async function kitVersion() {
  const brand = await createBrand();
  const admin = (await (await signedIn((await createUser(brand.id, "admin")).id)).session())!;
  const saved = await saveKitVersion(admin, { brandId: brand.id, baseVersion: null, content: DEMO_KIT });
  return { brandId: brand.id, versionId: saved.id };
}

describe("immutable versions", () => {
  it("refuses UPDATE of a brand kit version in the database", async () => {
    const { versionId } = await kitVersion();
    expect(
      await refusal(sql`update brand_kit_versions set content = '{"forged":true}' where id = ${versionId}`),
    ).toMatch(/brand_kit_versions is immutable: UPDATE refused/);
    expect(await refusal(sql`update brand_kit_versions set note = 'x' where id = ${versionId}`)).toMatch(
      /immutable/,
    );
    const [row] = await db().select().from(brandKitVersions).where(eq(brandKitVersions.id, versionId));
    expect(row!.content).toEqual(expect.objectContaining({}));
    expect(row!.content).not.toHaveProperty("forged");
  });

  it("refuses a direct DELETE, but lets deleting the brand cascade", async () => {
    const { brandId, versionId } = await kitVersion();
    expect(await refusal(sql`delete from brand_kit_versions where id = ${versionId}`)).toMatch(
      /immutable: DELETE refused/,
    );
    await db().delete(brands).where(eq(brands.id, brandId));
    expect(await db().$count(brandKitVersions, eq(brandKitVersions.id, versionId))).toBe(0);
  });

  it.each(["template_versions", "model_versions", "content_revisions"])(
    "guards %s with the same trigger",
    async (table) => {
      const rows = await db().execute(
        sql`select tgname from pg_trigger where tgrelid = ${table}::regclass and not tgisinternal`,
      );
      expect(rows.map((r) => (r as { tgname: string }).tgname)).toContain(`${table}_immutable`);
    },
  );
});
