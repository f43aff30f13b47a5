/**
 * A brand ready for review tests: a published demo kit, the starter templates, a two-stage
 * workflow and its people. Items are inserted directly (no model call) and entered into
 * review through the real `enterReview`.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { contentItems, contentRevisions, type Role } from "@/db/schema";
import type { UserPrincipal } from "@/lib/auth/principal";
import { DEMO_KIT } from "@/lib/brand/kit";
import { publishKitVersion } from "@/lib/brand/kits/publish-kit-version";
import { saveKitVersion } from "@/lib/brand/kits/save-kit-version";
import { db } from "@/lib/db";
import { getSender } from "@/lib/jobs/send-job";
import { listTemplates } from "@/lib/templates/versions/list-templates";
import { seedStarterTemplates } from "@/lib/templates/versions/seed-starter-templates";
import { createBrand, createUser, signedIn } from "@/test/factories";
import { enterReview } from "../enter-review";
import { saveWorkflow } from "../save-workflow";
import type { WorkflowStage } from "../workflow";

export async function sessionFor(brandId: string, role: Role, groups: string[] = []): Promise<UserPrincipal> {
  const user = await createUser(brandId, role, groups);
  return (await (await signedIn(user.id)).session())!;
}

export const TWO_STAGES: WorkflowStage[] = [
  {
    name: "Brand review",
    actor: { kind: "role", role: "reviewer" },
    approvals: 2,
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
    onlyWhenFlagged: true,
  },
];

export async function reviewFixture(stages: WorkflowStage[] = TWO_STAGES) {
  const brand = await createBrand();
  const admin = await sessionFor(brand.id, "admin");
  const kit = await saveKitVersion(admin, { brandId: brand.id, baseVersion: null, content: DEMO_KIT });
  await publishKitVersion(admin, { brandId: brand.id, versionId: kit.id });
  await seedStarterTemplates(db(), brand.id, admin.user.id);
  const social = (await listTemplates(admin, brand.id)).find((t) => t.template.channel === "social")!;
  const workflow = await saveWorkflow(admin, { brandId: brand.id, channel: "*", stages });
  const templateVersionId = social.versions[0]!.versionId;

  /** A new item by `author`, entered into review unless `submit` is false. */
  async function createItem(opts: { author: UserPrincipal; claims?: boolean; submit?: boolean }) {
    const post = opts.claims ? "Save 30% on tents this weekend." : "Quiet trails and dry feet this weekend.";
    await getSender(); // enterReview queues the reviewers' email jobs in the transaction
    return db().transaction(async (tx) => {
      const [item] = await tx
        .insert(contentItems)
        .values({
          brandId: brand.id,
          templateId: social.template.id,
          channel: "social",
          title: `Item ${randomUUID().slice(0, 8)}`,
          createdBy: opts.author.user.id,
        })
        .returning();
      const [revision] = await tx
        .insert(contentRevisions)
        .values({
          contentItemId: item!.id,
          number: 1,
          slots: { post },
          rendered: { text: post },
          kitVersionId: kit.id,
          templateVersionId,
          checkResults: {},
          score: opts.claims ? 90 : 100,
          blocked: false,
          legalReview: !!opts.claims,
          contentHash: randomUUID(),
          createdBy: opts.author.user.id,
        })
        .returning();
      await tx
        .update(contentItems)
        .set({ currentRevisionId: revision!.id })
        .where(eq(contentItems.id, item!.id));
      if (opts.submit !== false)
        await enterReview(tx, {
          item: { ...item!, currentRevisionId: revision!.id },
          revision: revision!,
          actor: { kind: "user", id: opts.author.user.id },
          userId: opts.author.user.id,
        });
      return { id: item!.id, revisionId: revision!.id };
    });
  }

  /** The item's row as stored now. */
  async function itemRow(id: string) {
    const [row] = await db().select().from(contentItems).where(eq(contentItems.id, id));
    return row!;
  }

  return { brandId: brand.id, admin, workflow, createItem, itemRow };
}

/** One "Sign-off" stage any reviewer acts on, with one approval: the races', the soak's and governance-under-load's workflow. */
export const SIGN_OFF: WorkflowStage[] = [
  {
    name: "Sign-off",
    actor: { kind: "role", role: "reviewer" },
    approvals: 1,
    slaHours: 8,
    legal: false,
    onlyWhenFlagged: false,
  },
];

/**
 * For the race tests: a one-stage sign-off brand, an author and `reviewers` reviewers, and
 * `settle`, which waits for concurrent calls and requires every refusal to be a clean
 * `conflict` (never a 500 or a deadlock).
 */
export async function raceFixture(reviewers: number) {
  const f = await reviewFixture(SIGN_OFF);
  return {
    f,
    author: await sessionFor(f.brandId, "marketer"),
    reviewers: await Promise.all(Array.from({ length: reviewers }, () => sessionFor(f.brandId, "reviewer"))),
  };
}

export async function settle(calls: Promise<unknown>[]): Promise<{ won: number; refused: number }> {
  const results = await Promise.allSettled(calls);
  const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  const notConflicts = refused.filter((err) => (err as { code?: unknown }).code !== "conflict");
  if (notConflicts.length > 0)
    throw new Error(`a racing call failed otherwise than conflict: ${String(notConflicts[0])}`);
  return { won: results.length - refused.length, refused: refused.length };
}
