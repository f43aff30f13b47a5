import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  brandChatSettings,
  brandKitVersions,
  brandKits,
  brands,
  memberships,
  users,
  workflowDefinitions,
  type Role,
} from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_KIT } from "@/lib/brand/kit";
import { seedDemoModels } from "@/lib/models/seed-demo-models";
import { seedDemoPersonalisation } from "./seed-demo-personalisation";
import type { WorkflowStage } from "@/lib/review/workflow";
import { seedStarterTemplates } from "@/lib/templates/versions/seed-starter-templates";

/** The demo brands' review: the brand group, then the legal group for everything. */
export const DEMO_WORKFLOW: WorkflowStage[] = [
  {
    name: "Brand review",
    actor: { kind: "group", group: "brand" },
    approvals: 1,
    slaHours: 24,
    legal: false,
    onlyWhenFlagged: false,
  },
  {
    name: "Legal review",
    actor: { kind: "group", group: "legal" },
    approvals: 1,
    slaHours: 48,
    legal: true,
    onlyWhenFlagged: false,
  },
];

/** Shared by every demo account; printed in the README and on first start. */
export const DEMO_PASSWORD = "brandgate-demo";

export const DEMO_BRANDS = [
  { slug: "acme-outdoor", name: "Acme Outdoor" },
  { slug: "northwind-coffee", name: "Northwind Coffee" },
] as const;

type DemoUser = {
  email: string;
  name: string;
  roles: Partial<Record<(typeof DEMO_BRANDS)[number]["slug"], { role: Role; groups?: string[] }>>;
};

export const DEMO_USERS: DemoUser[] = [
  {
    email: "marketer@demo.brandgate.test",
    name: "Maya Marketer",
    roles: {
      "acme-outdoor": { role: "marketer" },
      "northwind-coffee": { role: "reviewer", groups: ["brand"] },
    },
  },
  {
    email: "brand.reviewer@demo.brandgate.test",
    name: "Bruno Brand-Reviewer",
    roles: {
      "acme-outdoor": { role: "reviewer", groups: ["brand"] },
      "northwind-coffee": { role: "reviewer", groups: ["brand"] },
    },
  },
  {
    email: "legal.reviewer@demo.brandgate.test",
    name: "Lena Legal-Reviewer",
    roles: {
      "acme-outdoor": { role: "reviewer", groups: ["legal"] },
      "northwind-coffee": { role: "reviewer", groups: ["legal"] },
    },
  },
  {
    email: "admin@demo.brandgate.test",
    name: "Ada Admin",
    roles: { "acme-outdoor": { role: "admin" }, "northwind-coffee": { role: "admin" } },
  },
];

/**
 * Creates the demo brands and users once. Returns false when the demo brand already exists,
 * so running it on every start changes nothing after the first.
 */
export async function seedDemo(database: Database): Promise<boolean> {
  const [existing] = await database.select().from(brands).where(eq(brands.slug, DEMO_BRANDS[0].slug));
  if (existing) {
    // A demo database from before the ranker existed gets it once; after that this is one read a brand.
    await seedDemoRankers(database);
    return false;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await database.transaction(async (tx) => {
    const brandRows = await tx
      .insert(brands)
      .values([...DEMO_BRANDS])
      .returning();
    const bySlug = new Map(brandRows.map((b) => [b.slug, b.id]));
    // Each demo brand starts with the demo kit as its published v1.
    for (const brand of brandRows) {
      const [kit] = await tx
        .insert(brandKitVersions)
        .values({ brandId: brand.id, version: 1, content: { ...DEMO_KIT }, note: "Demo kit" })
        .returning({ id: brandKitVersions.id });
      await tx.insert(brandKits).values({ brandId: brand.id, publishedVersionId: kit!.id });
      await tx
        .insert(workflowDefinitions)
        .values({ brandId: brand.id, channel: "*", version: 1, stages: DEMO_WORKFLOW });
      // The chat lane is open in the demo, with one call in ten sampled for review.
      await tx.insert(brandChatSettings).values({ brandId: brand.id, enabled: true, reviewSampleRate: 0.1 });
    }
    for (const demo of DEMO_USERS) {
      const [user] = await tx
        .insert(users)
        .values({ email: demo.email, name: demo.name, passwordHash })
        .returning({ id: users.id });
      for (const [slug, grant] of Object.entries(demo.roles)) {
        await tx.insert(memberships).values({
          userId: user!.id,
          brandId: bySlug.get(slug)!,
          role: grant.role,
          groups: grant.groups ?? [],
        });
      }
    }
  });
  const [admin] = await database
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, "admin@demo.brandgate.test"));
  // The built-in copy model is each demo brand's default generation model; the starter
  // templates come approved by the demo admin.
  for (const slug of DEMO_BRANDS.map((b) => b.slug)) {
    const [brand] = await database.select({ id: brands.id }).from(brands).where(eq(brands.slug, slug));
    await seedDemoModels(database, brand!.id);
    await seedStarterTemplates(database, brand!.id, admin!.id);
  }
  await seedDemoRankers(database);
  return true;
}

/** Each demo brand's feedback events and trained personalisation model (stable); idempotent. */
async function seedDemoRankers(database: Database) {
  // One clock for all brands: their events and models are then the same, trained once.
  const now = new Date();
  for (const { slug } of DEMO_BRANDS) {
    const [brand] = await database.select({ id: brands.id }).from(brands).where(eq(brands.slug, slug));
    if (brand) await seedDemoPersonalisation(database, brand.id, now);
  }
}
