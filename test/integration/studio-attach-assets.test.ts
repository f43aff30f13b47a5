/** The Studio's generate action refuses a blocked asset before anything is queued, and says why. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generations } from "@/db/schema";
import { createCopyAsset } from "@/lib/brand/assets/create-copy-asset";
import { DEMO_KIT } from "@/lib/brand/kit";
import { publishKitVersion } from "@/lib/brand/kits/publish-kit-version";
import { saveKitVersion } from "@/lib/brand/kits/save-kit-version";
import { SESSION_COOKIE } from "@/lib/auth/session-token";
import { db } from "@/lib/db";
import { listTemplates } from "@/lib/templates/versions/list-templates";
import { seedStarterTemplates } from "@/lib/templates/versions/seed-starter-templates";
import { dropQueuedGenerations } from "@/test/drop-queued-generations";
import { createBrand, createUser, signedIn } from "@/test/factories";

const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { startGeneration } = await import("@/app/(app)/studio/actions");

let brandId: string;
let otherBrandId: string;
let templateVersionId: string;
let blockedId: string;
let passingId: string;
let foreignId: string;

beforeAll(async () => {
  brandId = (await createBrand()).id;
  const admin = await createUser(brandId, "admin");
  const adminSession = (await (await signedIn(admin.id)).session())!;
  const marketerLogin = await signedIn((await createUser(brandId, "marketer")).id);
  const marketer = (await marketerLogin.session())!;
  jar.set(SESSION_COOKIE, marketerLogin.token);
  const kit = await saveKitVersion(adminSession, { brandId, baseVersion: null, content: DEMO_KIT });
  await publishKitVersion(adminSession, { brandId, versionId: kit.id });
  await seedStarterTemplates(db(), brandId, admin.id);
  const social = (await listTemplates(marketer, brandId)).find((t) => t.template.channel === "social")!;
  templateVersionId = social.versions[0]!.versionId;
  const blocked = await createCopyAsset(marketer, {
    brandId,
    name: "Rival jab",
    text: "Cheaper than TrailCo, guaranteed.",
  });
  expect(blocked.check!.blocked).toBe(true);
  blockedId = blocked.asset.id;
  passingId = (
    await createCopyAsset(marketer, { brandId, name: "Dry feet", text: "Dry feet on every trail." })
  ).asset.id;
  otherBrandId = (await createBrand("Elsewhere")).id;
  const otherAdmin = await createUser(otherBrandId, "admin");
  const otherSession = (await (await signedIn(otherAdmin.id)).session())!;
  foreignId = (await createCopyAsset(otherSession, { brandId: otherBrandId, name: "Theirs", text: "Hello." }))
    .asset.id;
});

afterAll(async () => {
  await dropQueuedGenerations([brandId]);
});

const start = (assetIds: string[]) =>
  startGeneration({ brandId, templateVersionId, brief: { summary: "A post about boots" }, assetIds });

describe("Studio generate action", () => {
  it("refuses a blocked asset with its name and reason, and queues nothing", async () => {
    const result = await start([passingId, blockedId]);
    expect(result).toMatchObject({ ok: false, status: 422, error: { details: [{ path: "assetIds" }] } });
    expect(result.ok || result.error.message).toMatch(/“Rival jab” \(Names a competitor/);
    expect(await db().$count(generations, eq(generations.brandId, brandId))).toBe(0);
  });

  it("refuses another brand's asset", async () => {
    expect(await start([foreignId])).toMatchObject({ ok: false, status: 404 });
    expect(await db().$count(generations, eq(generations.brandId, brandId))).toBe(0);
  });

  it("queues a generation with an asset that passes", async () => {
    expect(await start([passingId])).toMatchObject({ ok: true });
    expect(await db().$count(generations, eq(generations.brandId, brandId))).toBe(1);
  });
});
