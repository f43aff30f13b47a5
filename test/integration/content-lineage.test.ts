/**
 * Lineage in the governed content API: for an item made by a generation and approved by two
 * reviewers across two stages, `GET /content/{id}`, the list and the `content.approved`
 * webhook payload carry exactly the versions and approvals the database recorded.
 */
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  brandKitVersions,
  contentItems,
  contentRevisions,
  generations,
  models,
  modelVersions,
  reviewApprovals,
  templateVersions,
  users,
  webhookEvents,
} from "@/db/schema";
import { principalRefOf, type UserPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { decide } from "@/lib/review/decide";
import { sessionFor } from "@/lib/review/testing/review-fixture";
import { saveWorkflow } from "@/lib/review/save-workflow";
import type { WorkflowStage } from "@/lib/review/workflow";
import { authenticateKey } from "@/lib/api-keys/authenticate-key";
import { createGeneration } from "@/lib/generation/create-generation";
import { runGeneration } from "@/lib/generation/run-generation";
import { startApiFixture, type ApiFixture } from "@/test/api/fixture";

const STAGES: WorkflowStage[] = [
  {
    name: "Copy check",
    actor: { kind: "role", role: "reviewer" },
    approvals: 1,
    slaHours: 24,
    legal: false,
    onlyWhenFlagged: false,
  },
  {
    name: "Brand sign-off",
    actor: { kind: "role", role: "reviewer" },
    approvals: 1,
    slaHours: 24,
    legal: false,
    onlyWhenFlagged: false,
  },
];

let f: ApiFixture;
let itemId: string;
let reviewers: UserPrincipal[];

beforeAll(async () => {
  f = await startApiFixture();
  await saveWorkflow(f.admin, { brandId: f.brandId, channel: "*", stages: STAGES });
  reviewers = [await sessionFor(f.brandId, "reviewer"), await sessionFor(f.brandId, "reviewer")];
  const principal = (await authenticateKey(f.keys.all))!;
  const generation = await createGeneration(principal, {
    brandId: f.brandId,
    templateVersionId: f.templateVersionId,
    brief: { summary: "Rain jackets for the lineage test" },
  });
  await runGeneration({ actor: principalRefOf(principal, f.brandId), generationId: generation.id });
  const [gen] = await db().select().from(generations).where(eq(generations.id, generation.id));
  itemId = gen!.contentItemId!;
  for (const who of reviewers) {
    const [item] = await db().select().from(contentItems).where(eq(contentItems.id, itemId));
    expect(item!.status).toBe("in_review");
    await decide(who, {
      brandId: f.brandId,
      contentItemId: itemId,
      revisionId: item!.currentRevisionId!,
      stageIndex: item!.stageIndex,
      decision: "approve",
    });
  }
}, 120_000);
afterAll(() => f.close());

/** The lineage as the database recorded it, read straight from the rows. */
async function recorded() {
  const [item] = await db().select().from(contentItems).where(eq(contentItems.id, itemId));
  expect(item!.status).toBe("approved");
  const [rev] = await db()
    .select()
    .from(contentRevisions)
    .where(eq(contentRevisions.id, item!.currentRevisionId!));
  const [kit] = await db().select().from(brandKitVersions).where(eq(brandKitVersions.id, rev!.kitVersionId));
  const [tpl] = await db()
    .select()
    .from(templateVersions)
    .where(eq(templateVersions.id, rev!.templateVersionId));
  expect(rev!.modelVersionId).not.toBeNull();
  const [mv] = await db()
    .select({ v: modelVersions, name: models.name })
    .from(modelVersions)
    .innerJoin(models, eq(models.id, modelVersions.modelId))
    .where(eq(modelVersions.id, rev!.modelVersionId!));
  const approvals = await db()
    .select({ a: reviewApprovals, name: users.name })
    .from(reviewApprovals)
    .innerJoin(users, eq(users.id, reviewApprovals.userId))
    .where(and(eq(reviewApprovals.revisionId, rev!.id)))
    .orderBy(asc(reviewApprovals.createdAt));
  return {
    content_hash: rev!.contentHash,
    kit_version: { id: kit!.id, number: kit!.version },
    template_version: { id: tpl!.id, template_id: tpl!.templateId, number: tpl!.version },
    model_version: {
      id: mv!.v.id,
      model_id: mv!.v.modelId,
      model: mv!.name,
      version: mv!.v.version,
      provider: mv!.v.provider,
    },
    approvals: approvals.map(({ a, name }) => ({
      stage: STAGES[a.stageIndex]!.name,
      stage_index: a.stageIndex,
      reviewer: { id: a.userId, name },
      approved_at: a.createdAt.toISOString(),
    })),
  };
}

const get = (path: string) =>
  fetch(`${f.baseUrl}${path}`, { headers: { authorization: `Bearer ${f.keys.all}` } });

describe("content lineage", () => {
  it("GET /content/{id} carries the recorded kit, template and model versions, approvals and hash", async () => {
    const expected = await recorded();
    // Both reviewers, one per stage, in order: what the test did, as the rows say.
    expect(expected.approvals.map((a) => [a.stage, a.reviewer.id])).toEqual([
      ["Copy check", reviewers[0]!.user.id],
      ["Brand sign-off", reviewers[1]!.user.id],
    ]);
    const res = await get(`/api/v1/content/${itemId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { lineage: unknown; revision: { content_hash: string } };
    expect(body.lineage).toEqual(expected);
    expect(body.revision.content_hash).toBe(expected.content_hash);
  });

  it("the list carries the same lineage", async () => {
    const expected = await recorded();
    const page = (await (await get(`/api/v1/content?limit=200`)).json()) as {
      data: { id: string; lineage: unknown }[];
    };
    expect(page.data.find((d) => d.id === itemId)?.lineage).toEqual(expected);
  });

  it("the content.approved webhook payload carries the same lineage", async () => {
    const expected = await recorded();
    const events = await db()
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.brandId, f.brandId), eq(webhookEvents.type, "content.approved")));
    const ours = events.find((e) => (e.payload as { contentItemId?: string }).contentItemId === itemId);
    expect((ours!.payload as { lineage: unknown }).lineage).toEqual(expected);
  });

  it("the OpenAPI document names the lineage fields", async () => {
    const doc = (await (await fetch(`${f.baseUrl}/api/v1/openapi.json`)).json()) as {
      paths: Record<
        string,
        { get: { responses: Record<string, { content: Record<string, { schema: unknown }> }> } }
      >;
    };
    const schema = JSON.stringify(doc.paths["/api/v1/content/{id}"]!.get.responses["200"]);
    for (const field of [
      "lineage",
      "kit_version",
      "template_version",
      "model_version",
      "approvals",
      "reviewer",
      "approved_at",
      "provider",
    ])
      expect(schema).toContain(`"${field}"`);
  });
});
