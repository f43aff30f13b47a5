/** Review decisions on the real database: stages, four-eyes, claims, versions, publishing. */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { contentItems, reviewApprovals, reviewComments, webhookEvents } from "@/db/schema";
import type { UserPrincipal } from "@/lib/auth/principal";
import { editSlot } from "@/lib/content/edit-slot";
import { getPublishedContent, listPublishedContent } from "@/lib/content/get-published-content";
import { submitForReview } from "@/lib/content/submit-for-review";
import { db } from "@/lib/db";
import { bulkApprove } from "@/lib/review/bulk-approve";
import { claimItem, releaseClaim } from "@/lib/review/claim";
import { addComment, listComments } from "@/lib/review/comments";
import { decide } from "@/lib/review/decide";
import { getReviewItem } from "@/lib/review/get-review-item";
import { listReviewQueue } from "@/lib/review/list-review-queue";
import { retireContent } from "@/lib/review/retire-content";
import { saveWorkflow } from "@/lib/review/save-workflow";
import { reviewFixture, sessionFor } from "@/lib/review/testing/review-fixture";

let f: Awaited<ReturnType<typeof reviewFixture>>;
let marketer: UserPrincipal;
let r1: UserPrincipal;
let r2: UserPrincipal;
let legal: UserPrincipal;
let admin: UserPrincipal;

beforeAll(async () => {
  f = await reviewFixture();
  marketer = await sessionFor(f.brandId, "marketer");
  r1 = await sessionFor(f.brandId, "reviewer");
  r2 = await sessionFor(f.brandId, "reviewer");
  legal = await sessionFor(f.brandId, "reviewer", ["legal"]);
  admin = f.admin;
});

const at = async (id: string) => {
  const row = await f.itemRow(id);
  return {
    brandId: f.brandId,
    contentItemId: id,
    revisionId: row.currentRevisionId!,
    stageIndex: row.stageIndex,
  };
};

describe("stages", () => {
  it("publishes content without claims after the brand stage's two approvals, skipping legal", async () => {
    const item = await f.createItem({ author: marketer });
    expect(await decide(r1, { ...(await at(item.id)), decision: "approve" })).toEqual({
      outcome: "approval_recorded",
      approvals: 1,
      needed: 2,
    });
    expect(await getPublishedContent(f.brandId, item.id)).toBeNull();
    expect(await decide(r2, { ...(await at(item.id)), decision: "approve" })).toEqual({
      outcome: "published",
    });
    const row = await f.itemRow(item.id);
    expect(row.status).toBe("approved");
    expect(row.publishedAt).not.toBeNull();
    expect((await getPublishedContent(f.brandId, item.id))?.revisionId).toBe(item.revisionId);
    // Subscribers hear about it through the outbox, written in the publishing transaction.
    const events = await db().select().from(webhookEvents).where(eq(webhookEvents.brandId, f.brandId));
    expect(events.filter((e) => (e.payload as { contentItemId?: string }).contentItemId === item.id)).toEqual(
      [expect.objectContaining({ type: "content.approved" })],
    );
  });

  it("sends content flagged for claims through legal, which only the legal group may pass", async () => {
    const item = await f.createItem({ author: marketer, claims: true });
    expect((await getReviewItem(r1, item.id)).legalReviewPending).toBe(true);
    await decide(r1, { ...(await at(item.id)), decision: "approve" });
    expect(await decide(admin, { ...(await at(item.id)), decision: "approve" })).toEqual({
      outcome: "stage_passed",
      stageIndex: 1,
    });
    await expect(decide(r2, { ...(await at(item.id)), decision: "approve" })).rejects.toMatchObject({
      code: "forbidden",
    });
    // One approval per person per revision, across stages: r1 approved at brand review already.
    const r1Legal = await sessionFor(f.brandId, "reviewer", ["legal"]);
    expect((await getReviewItem(r1, item.id)).legalReviewPending).toBe(true);
    expect(await decide(legal, { ...(await at(item.id)), decision: "approve" })).toEqual({
      outcome: "published",
    });
    expect((await getReviewItem(r1, item.id)).legalReviewPending).toBe(false);
    await expect(decide(r1Legal, { ...(await at(item.id)), decision: "approve" })).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("refuses a decision about a revision or stage the item has left", async () => {
    const item = await f.createItem({ author: marketer });
    const seen = await at(item.id);
    await decide(r1, { ...seen, decision: "approve" });
    await decide(r2, { ...seen, decision: "approve" });
    await expect(decide(legal, { ...seen, decision: "reject", comment: "Too late" })).rejects.toMatchObject({
      code: "conflict",
    });
  });
});

describe("separation of duties", () => {
  it("the author cannot approve their own content", async () => {
    const item = await f.createItem({ author: admin });
    await expect(decide(admin, { ...(await at(item.id)), decision: "approve" })).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(
      await db().select().from(reviewApprovals).where(eq(reviewApprovals.contentItemId, item.id)),
    ).toEqual([]);
  });

  it("the last editor cannot approve the revision they wrote, and an edit resets every approval", async () => {
    const item = await f.createItem({ author: marketer });
    await decide(r1, { ...(await at(item.id)), decision: "approve" });
    await editSlot(admin, {
      brandId: f.brandId,
      contentItemId: item.id,
      slot: "post",
      value: "Quiet trails, dry feet and an early start.",
    });
    const row = await f.itemRow(item.id);
    expect(row.status).toBe("draft");
    await submitForReview(marketer, { brandId: f.brandId, contentItemId: item.id });
    await expect(decide(admin, { ...(await at(item.id)), decision: "approve" })).rejects.toMatchObject({
      code: "forbidden",
    });
    // r1's approval was of the old revision: it takes r1 and r2 again to pass.
    expect(await decide(r1, { ...(await at(item.id)), decision: "approve" })).toMatchObject({ approvals: 1 });
    expect(await decide(r2, { ...(await at(item.id)), decision: "approve" })).toEqual({
      outcome: "published",
    });
  });

  it("one approval per person per revision is a unique key in the database", async () => {
    const item = await f.createItem({ author: marketer });
    await decide(r1, { ...(await at(item.id)), decision: "approve" });
    await expect(decide(r1, { ...(await at(item.id)), decision: "approve" })).rejects.toMatchObject({
      code: "conflict",
    });
    const row = await f.itemRow(item.id);
    await expect(
      db().insert(reviewApprovals).values({
        contentItemId: item.id,
        revisionId: row.currentRevisionId!,
        stageIndex: 0,
        userId: r1.user.id,
        contentHash: "forged",
      }),
    ).rejects.toThrow();
  });
});

describe("reject and request changes", () => {
  it("a rejection needs a reason; without one nothing changes", async () => {
    const item = await f.createItem({ author: marketer });
    const before = await f.itemRow(item.id);
    await expect(
      decide(r1, { ...(await at(item.id)), decision: "reject", comment: " " }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: [{ path: "comment" }],
    });
    expect(await f.itemRow(item.id)).toEqual(before);
    await decide(r1, { ...(await at(item.id)), decision: "reject", comment: "Off brand entirely" });
    expect(await f.itemRow(item.id)).toMatchObject({
      status: "rejected",
      statusReason: "Off brand entirely",
    });
    await expect(
      submitForReview(marketer, { brandId: f.brandId, contentItemId: item.id }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("requesting changes needs a comment, sends the item back and leaves the comment on the revision", async () => {
    const item = await f.createItem({ author: marketer });
    await expect(
      decide(r1, { ...(await at(item.id)), decision: "request_changes" } as never),
    ).rejects.toMatchObject({
      code: "validation_failed",
    });
    await decide(r1, { ...(await at(item.id)), decision: "request_changes", comment: "Mention the guide" });
    expect((await f.itemRow(item.id)).status).toBe("changes_requested");
    const comments = await listComments(item.id);
    expect(comments.get(item.revisionId)?.map((c) => c.body)).toEqual(["Mention the guide"]);
    // The author edits (still changes requested) and resubmits the new revision.
    await editSlot(marketer, {
      brandId: f.brandId,
      contentItemId: item.id,
      slot: "post",
      value: "Quiet trails and our autumn guide.",
    });
    expect((await f.itemRow(item.id)).status).toBe("changes_requested");
    await submitForReview(marketer, { brandId: f.brandId, contentItemId: item.id });
    expect(await f.itemRow(item.id)).toMatchObject({ status: "in_review", stageIndex: 0 });
    // r1 compares from the revision they asked changes on; r2, who has not decided, the last two.
    const read = await getReviewItem(r1, item.id);
    expect(read.diffBase).toMatchObject({ from: 1, to: read.current.number, reason: "my_last_decision" });
    expect((await getReviewItem(r2, item.id)).diffBase).toMatchObject({ reason: "previous" });
  });
});

describe("claims", () => {
  it("another reviewer's live claim blocks decisions and claims; an expired one frees the item", async () => {
    const item = await f.createItem({ author: marketer });
    await claimItem(r1, { brandId: f.brandId, contentItemId: item.id });
    await expect(claimItem(r2, { brandId: f.brandId, contentItemId: item.id })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(decide(r2, { ...(await at(item.id)), decision: "approve" })).rejects.toMatchObject({
      code: "conflict",
    });
    await db()
      .update(contentItems)
      .set({ claimExpiresAt: sql`now() - interval '1 second'` })
      .where(eq(contentItems.id, item.id));
    await claimItem(r2, { brandId: f.brandId, contentItemId: item.id });
    expect((await f.itemRow(item.id)).claimedBy).toBe(r2.user.id);
    await releaseClaim(r2, { brandId: f.brandId, contentItemId: item.id });
    expect((await f.itemRow(item.id)).claimedBy).toBeNull();
    await expect(releaseClaim(r2, { brandId: f.brandId, contentItemId: item.id })).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("a marketer cannot claim", async () => {
    const item = await f.createItem({ author: admin });
    await expect(claimItem(marketer, { brandId: f.brandId, contentItemId: item.id })).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe("bulk approve", () => {
  it("applies every rule to each item and reports each outcome", async () => {
    const mine = await f.createItem({ author: admin });
    const fine = await f.createItem({ author: marketer });
    const results = await bulkApprove(admin, { items: [await at(mine.id), await at(fine.id)] });
    expect(results).toEqual([
      expect.objectContaining({ contentItemId: mine.id, ok: false, code: "forbidden" }),
      { contentItemId: fine.id, ok: true, outcome: "approval_recorded" },
    ]);
    await expect(bulkApprove(admin, { items: [] })).rejects.toMatchObject({ code: "validation_failed" });
  });
});

describe("workflow versions", () => {
  it("an item in review keeps the version it started with", async () => {
    const oneStage = await reviewFixture([
      {
        name: "Quick look",
        actor: { kind: "role", role: "reviewer" },
        approvals: 1,
        slaHours: 4,
        legal: false,
        onlyWhenFlagged: false,
      },
    ]);
    const author = await sessionFor(oneStage.brandId, "marketer");
    const rev = await sessionFor(oneStage.brandId, "reviewer");
    const rev2 = await sessionFor(oneStage.brandId, "reviewer");
    const item = await oneStage.createItem({ author });
    await saveWorkflow(oneStage.admin, {
      brandId: oneStage.brandId,
      channel: "*",
      stages: [
        {
          name: "First",
          actor: { kind: "role", role: "reviewer" },
          approvals: 1,
          slaHours: 4,
          legal: false,
          onlyWhenFlagged: false,
        },
        {
          name: "Second",
          actor: { kind: "role", role: "reviewer" },
          approvals: 1,
          slaHours: 4,
          legal: false,
          onlyWhenFlagged: false,
        },
      ],
    });
    const row = await oneStage.itemRow(item.id);
    const seen = {
      brandId: oneStage.brandId,
      contentItemId: item.id,
      revisionId: row.currentRevisionId!,
      stageIndex: 0,
    };
    expect(await decide(rev, { ...seen, decision: "approve" })).toEqual({ outcome: "published" });
    // A new item takes the new version: two stages.
    const next = await oneStage.createItem({ author });
    const nextRow = await oneStage.itemRow(next.id);
    expect(nextRow.workflowDefinitionId).not.toBe(row.workflowDefinitionId);
    expect(
      await decide(rev2, {
        brandId: oneStage.brandId,
        contentItemId: next.id,
        revisionId: nextRow.currentRevisionId!,
        stageIndex: 0,
        decision: "approve",
      }),
    ).toEqual({ outcome: "stage_passed", stageIndex: 1 });
  });

  it("content flagged for claims cannot enter a workflow without a legal stage", async () => {
    const noLegal = await reviewFixture([
      {
        name: "Quick look",
        actor: { kind: "role", role: "reviewer" },
        approvals: 1,
        slaHours: 4,
        legal: false,
        onlyWhenFlagged: false,
      },
    ]);
    const author = await sessionFor(noLegal.brandId, "marketer");
    await expect(noLegal.createItem({ author, claims: true })).rejects.toMatchObject({ code: "conflict" });
  });

  it("refuses an invalid definition, naming the field", async () => {
    await expect(
      saveWorkflow(admin, {
        brandId: f.brandId,
        channel: "*",
        stages: [{ name: "", actor: { kind: "group", group: "Legal Team" }, approvals: 0, slaHours: 1 }],
      } as never),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: expect.arrayContaining([expect.objectContaining({ path: "stages.0.name" })]),
    });
  });
});

describe("the queue", () => {
  it("shows each reviewer the items their stage admits, oldest first, with overdue marked", async () => {
    const q = await reviewFixture();
    const author = await sessionFor(q.brandId, "marketer");
    const rev = await sessionFor(q.brandId, "reviewer");
    const rev2 = await sessionFor(q.brandId, "reviewer");
    const lawyer = await sessionFor(q.brandId, "reviewer", ["legal"]);
    const old = await q.createItem({ author });
    const claims = await q.createItem({ author, claims: true });
    await db()
      .update(contentItems)
      .set({ stageEnteredAt: sql`now() - interval '30 hours'` })
      .where(eq(contentItems.id, old.id));
    const queue = await listReviewQueue(rev);
    expect(queue.map((r) => r.id)).toEqual([old.id, claims.id]);
    expect(queue[0]).toMatchObject({
      overdue: true,
      stageName: "Brand review",
      approvalsNeeded: 2,
      mayApprove: true,
    });
    expect(queue[1]).toMatchObject({ overdue: false, legalReview: true });
    expect((await listReviewQueue(rev, { checks: "legal" })).map((r) => r.id)).toEqual([claims.id]);
    expect((await listReviewQueue(rev, { checks: "clean" })).map((r) => r.id)).toEqual([old.id]);
    expect((await listReviewQueue(rev, { minAgeHours: 24 })).map((r) => r.id)).toEqual([old.id]);
    expect((await listReviewQueue(rev, { order: "newest" })).map((r) => r.id)).toEqual([claims.id, old.id]);
    expect(await listReviewQueue(rev, { stage: "legal review" })).toEqual([]);
    // The legal group sees nothing until the brand stage passes.
    expect(await listReviewQueue(lawyer, { brandId: q.brandId })).toHaveLength(2);
    const seen = await q.itemRow(claims.id);
    const target = {
      brandId: q.brandId,
      contentItemId: claims.id,
      revisionId: seen.currentRevisionId!,
      stageIndex: 0,
    };
    await decide(rev, { ...target, decision: "approve" });
    expect((await listReviewQueue(rev)).find((r) => r.id === claims.id)).toMatchObject({
      approvals: 1,
      mayApprove: false,
    });
    await decide(rev2, { ...target, decision: "approve" });
    expect((await listReviewQueue(rev)).map((r) => r.id)).toEqual([old.id]);
    const forLawyer = await listReviewQueue(lawyer, { stage: "Legal review" });
    expect(forLawyer.map((r) => r.id)).toEqual([claims.id]);
    expect(await listReviewQueue(author)).toEqual([]);
  });
});

describe("comments, reading and retiring", () => {
  it("threads replies per revision and refuses a reply across revisions", async () => {
    const item = await f.createItem({ author: marketer });
    const top = await addComment(r1, {
      brandId: f.brandId,
      contentItemId: item.id,
      revisionId: item.revisionId,
      body: "Shorter?",
    });
    await addComment(marketer, {
      brandId: f.brandId,
      contentItemId: item.id,
      revisionId: item.revisionId,
      parentId: top.id,
      body: "Will do",
    });
    const thread = (await listComments(item.id)).get(item.revisionId)!;
    expect(thread).toHaveLength(1);
    expect(thread[0]!.replies.map((r) => r.body)).toEqual(["Will do"]);
    const other = await f.createItem({ author: marketer });
    await expect(
      addComment(r1, {
        brandId: f.brandId,
        contentItemId: other.id,
        revisionId: other.revisionId,
        parentId: top.id,
        body: "x",
      }),
    ).rejects.toMatchObject({ code: "validation_failed", details: [{ path: "parentId" }] });
    await expect(
      addComment(r1, { brandId: f.brandId, contentItemId: item.id, revisionId: item.revisionId, body: "" }),
    ).rejects.toMatchObject({ code: "validation_failed", details: [{ path: "body" }] });
    expect(
      await db().select().from(reviewComments).where(eq(reviewComments.contentItemId, other.id)),
    ).toEqual([]);
  });

  it("retiring takes published content off the content API for good", async () => {
    const item = await f.createItem({ author: marketer });
    await decide(r1, { ...(await at(item.id)), decision: "approve" });
    await decide(r2, { ...(await at(item.id)), decision: "approve" });
    expect((await listPublishedContent(f.brandId)).map((c) => c.id)).toContain(item.id);
    await expect(
      retireContent(r1, { brandId: f.brandId, contentItemId: item.id, reason: "Old offer" }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      retireContent(admin, { brandId: f.brandId, contentItemId: item.id, reason: "" }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: [{ path: "reason" }],
    });
    await retireContent(admin, { brandId: f.brandId, contentItemId: item.id, reason: "Offer ended" });
    expect(await getPublishedContent(f.brandId, item.id)).toBeNull();
    expect((await listPublishedContent(f.brandId)).map((c) => c.id)).not.toContain(item.id);
    const read = await getReviewItem(admin, item.id);
    expect(read.item.status).toBe("retired");
    expect(read.history.map((h) => h.action)).toEqual(["retired", "published", "approved", "submitted"]);
  });

  it("another brand's item does not exist for the reader", async () => {
    const other = await reviewFixture();
    const stranger = await sessionFor(other.brandId, "reviewer");
    const item = await f.createItem({ author: marketer });
    await expect(getReviewItem(stranger, item.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(claimItem(stranger, { brandId: f.brandId, contentItemId: item.id })).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});
