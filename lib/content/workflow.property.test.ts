/**
 * Model-based test of the review state machine (fast-check `commands`) on the real database.
 * Each run files one item and throws a random sequence of approvals, rejections, change
 * requests, edits, resubmissions, claims, claim expiries and retirements at it, by people in
 * every role. A plain model predicts each outcome, and after every step the invariants hold:
 * no self-approval, no approval counted after an edit, nothing published without every
 * applicable stage approved, rejected and retired items never served.
 */
import fc from "fast-check";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { contentItems, contentRevisions, reviewApprovals } from "@/db/schema";
import type { UserPrincipal } from "@/lib/auth/principal";
import { editSlot } from "@/lib/content/edit-slot";
import { getPublishedContent, listPublishedContent } from "@/lib/content/get-published-content";
import { submitForReview } from "@/lib/content/submit-for-review";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { claimItem } from "@/lib/review/claim";
import { decide } from "@/lib/review/decide";
import { retireContent } from "@/lib/review/retire-content";
import { reviewFixture, sessionFor, TWO_STAGES } from "@/lib/review/testing/review-fixture";
import { mayActAtStage, nextApplicableStage } from "@/lib/review/workflow";

type Who = "marketer" | "admin" | "r1" | "r2" | "lawyer";
const PEOPLE: Who[] = ["marketer", "admin", "r1", "r2", "lawyer"];
const CLAIMS_TEXT = "Save 30% on tents this weekend.";
const PLAIN_TEXT = ["Quiet trails and dry feet this weekend.", "An early start and a calm walk."];

interface Model {
  status: "draft" | "in_review" | "changes_requested" | "approved" | "rejected" | "retired";
  stageIndex: number;
  flagged: boolean;
  author: Who;
  revision: number;
  revisionBy: Who;
  /** Approvals of the current revision: who approved at which stage. */
  approvals: { who: Who; stage: number }[];
  claim: Who | null;
}

interface Real {
  id: string;
}

let f: Awaited<ReturnType<typeof reviewFixture>>;
const people = {} as Record<Who, UserPrincipal>;
const membership = (who: Who) => people[who].memberships.find((m) => m.brandId === f.brandId)!;
const role = (who: Who) => membership(who).role;

/** What the model says a call returns: an error code, or the next model. */
type Prediction = { error: string } | { next: Model };

const refuse = (error: string): Prediction => ({ error });
const isReviewer = (who: Who) => role(who) === "reviewer" || role(who) === "admin";
const isEditor = (who: Who) => role(who) === "marketer" || role(who) === "admin";

function predictDecision(m: Model, who: Who, decision: "approve" | "reject" | "request_changes"): Prediction {
  if (!isReviewer(who)) return refuse("forbidden");
  if (m.status !== "in_review") return refuse("conflict");
  const stage = TWO_STAGES[m.stageIndex]!;
  if (!mayActAtStage(membership(who), stage)) return refuse("forbidden");
  if (m.claim && m.claim !== who) return refuse("conflict");
  if (decision === "reject") return { next: { ...m, status: "rejected", claim: null } };
  if (decision === "request_changes") return { next: { ...m, status: "changes_requested", claim: null } };
  if (who === m.author || who === m.revisionBy) return refuse("forbidden");
  if (m.approvals.some((a) => a.who === who)) return refuse("conflict");
  const approvals = [...m.approvals, { who, stage: m.stageIndex }];
  const count = approvals.filter((a) => a.stage === m.stageIndex).length;
  if (count < stage.approvals) return { next: { ...m, approvals } };
  const next = nextApplicableStage(TWO_STAGES, m.stageIndex + 1, m.flagged);
  if (next === null) return { next: { ...m, approvals, status: "approved", claim: null } };
  return { next: { ...m, approvals, stageIndex: next, claim: null } };
}

function predict(m: Model, cmd: Command): Prediction {
  switch (cmd.kind) {
    case "approve":
    case "reject":
    case "request_changes":
      if (cmd.kind !== "approve" && !cmd.withNote) return refuse("validation_failed");
      return predictDecision(m, cmd.who, cmd.kind);
    case "edit":
      if (!isEditor(cmd.who)) return refuse("forbidden");
      if (["approved", "rejected", "retired"].includes(m.status)) return refuse("conflict");
      return {
        next: {
          ...m,
          status: m.status === "changes_requested" ? "changes_requested" : "draft",
          flagged: cmd.claims,
          revision: m.revision + 1,
          revisionBy: cmd.who,
          approvals: [],
          claim: null,
        },
      };
    case "submit":
      if (!isEditor(cmd.who)) return refuse("forbidden");
      if (m.status !== "draft" && m.status !== "changes_requested") return refuse("conflict");
      return { next: { ...m, status: "in_review", stageIndex: 0, claim: null } };
    case "claim": {
      if (!isReviewer(cmd.who)) return refuse("forbidden");
      if (m.status !== "in_review") return refuse("conflict");
      if (!mayActAtStage(membership(cmd.who), TWO_STAGES[m.stageIndex]!)) return refuse("forbidden");
      if (m.claim && m.claim !== cmd.who) return refuse("conflict");
      return { next: { ...m, claim: cmd.who } };
    }
    case "expire_claim":
      return { next: { ...m, claim: null } };
    case "retire":
      if (role(cmd.who) !== "admin") return refuse("forbidden");
      if (m.status !== "approved") return refuse("conflict");
      return { next: { ...m, status: "retired" } };
  }
}

type Command =
  | { kind: "approve"; who: Who }
  | { kind: "reject" | "request_changes"; who: Who; withNote: boolean }
  | { kind: "edit"; who: Who; claims: boolean; variant: number }
  | { kind: "submit"; who: Who }
  | { kind: "claim"; who: Who }
  | { kind: "expire_claim" }
  | { kind: "retire"; who: Who };

async function perform(real: Real, cmd: Command): Promise<void> {
  const [row] = await db().select().from(contentItems).where(eq(contentItems.id, real.id));
  const at = {
    brandId: f.brandId,
    contentItemId: real.id,
    revisionId: row!.currentRevisionId!,
    stageIndex: row!.stageIndex,
  };
  switch (cmd.kind) {
    case "approve":
      await decide(people[cmd.who], { ...at, decision: "approve" });
      return;
    case "reject":
    case "request_changes":
      await decide(people[cmd.who], {
        ...at,
        decision: cmd.kind,
        comment: cmd.withNote ? `Because ${cmd.kind}` : "",
      });
      return;
    case "edit":
      await editSlot(people[cmd.who], {
        brandId: f.brandId,
        contentItemId: real.id,
        slot: "post",
        value: cmd.claims ? CLAIMS_TEXT : PLAIN_TEXT[cmd.variant]!,
      });
      return;
    case "submit":
      await submitForReview(people[cmd.who], { brandId: f.brandId, contentItemId: real.id });
      return;
    case "claim":
      await claimItem(people[cmd.who], { brandId: f.brandId, contentItemId: real.id });
      return;
    case "expire_claim":
      await db()
        .update(contentItems)
        .set({ claimExpiresAt: sql`now() - interval '1 second'` })
        .where(and(eq(contentItems.id, real.id), sql`${contentItems.claimedBy} is not null`));
      return;
    case "retire":
      await retireContent(people[cmd.who], {
        brandId: f.brandId,
        contentItemId: real.id,
        reason: "Offer over",
      });
  }
}

/** The invariants, read from the database, whatever the model says. */
async function checkInvariants(real: Real, m: Model) {
  const [row] = await db()
    .select({ item: contentItems, revision: contentRevisions })
    .from(contentItems)
    .innerJoin(contentRevisions, eq(contentRevisions.id, contentItems.currentRevisionId))
    .where(eq(contentItems.id, real.id));
  const { item, revision } = row!;
  expect(item.status).toBe(m.status);
  expect(revision.number).toBe(m.revision);
  expect(revision.legalReview).toBe(m.flagged);
  if (m.status === "in_review") expect(item.stageIndex).toBe(m.stageIndex);
  const liveClaim = item.claimedBy && item.claimExpiresAt! > new Date() ? item.claimedBy : null;
  expect(liveClaim).toBe(m.claim && m.status === "in_review" ? people[m.claim].user.id : null);

  const approvals = await db()
    .select()
    .from(reviewApprovals)
    .where(eq(reviewApprovals.contentItemId, real.id));
  // No self-approval, ever, of any revision.
  const revisions = await db()
    .select({ id: contentRevisions.id, createdBy: contentRevisions.createdBy })
    .from(contentRevisions)
    .where(eq(contentRevisions.contentItemId, real.id));
  for (const a of approvals) {
    expect(a.userId).not.toBe(item.createdBy);
    expect(a.userId).not.toBe(revisions.find((r) => r.id === a.revisionId)!.createdBy);
  }
  // Only approvals of the current revision count: the model's list is exactly those.
  const current = approvals.filter((a) => a.revisionId === revision.id);
  expect(current.map((a) => a.userId).sort()).toEqual(m.approvals.map((a) => people[a.who].user.id).sort());
  for (const a of current) expect(a.contentHash).toBe(revision.contentHash);

  // Published means every applicable stage has its approvals of this very revision.
  if (item.status === "approved" || item.status === "retired") {
    TWO_STAGES.forEach((stage, i) => {
      if (stage.onlyWhenFlagged && !revision.legalReview) return;
      expect(current.filter((a) => a.stageIndex === i).length).toBeGreaterThanOrEqual(stage.approvals);
    });
  }
  // Only approved content is served; rejected and retired never.
  const served = await getPublishedContent(f.brandId, real.id);
  expect(served !== null).toBe(item.status === "approved");
  if (item.status !== "approved")
    expect((await listPublishedContent(f.brandId, { limit: 200 })).some((c) => c.id === real.id)).toBe(false);
}

class Step implements fc.AsyncCommand<Model, Real> {
  constructor(readonly cmd: Command) {}
  check = () => true;
  async run(m: Model, real: Real) {
    const prediction = predict(m, this.cmd);
    let error: string | null = null;
    try {
      await perform(real, this.cmd);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      error = err.code;
    }
    if ("error" in prediction) expect(error, this.toString()).toBe(prediction.error);
    else {
      expect(error, this.toString()).toBeNull();
      Object.assign(m, prediction.next);
    }
    await checkInvariants(real, m);
  }
  toString = () => JSON.stringify(this.cmd);
}

const who = fc.constantFrom(...PEOPLE);
const reviewer = fc.constantFrom<Who>("r1", "r2", "lawyer", "admin");
const editor = fc.constantFrom<Who>("marketer", "admin");
const commands = [
  // The interesting paths (approve, edit, resubmit) are weighted up; everyone still tries everything.
  reviewer.map((w) => new Step({ kind: "approve", who: w })),
  reviewer.map((w) => new Step({ kind: "approve", who: w })),
  reviewer.map((w) => new Step({ kind: "approve", who: w })),
  who.map((w) => new Step({ kind: "approve", who: w })),
  fc.record({ who, withNote: fc.boolean() }).map((c) => new Step({ kind: "reject", ...c })),
  fc.record({ who, withNote: fc.boolean() }).map((c) => new Step({ kind: "request_changes", ...c })),
  fc
    .record({
      who: fc.constantFrom<Who>("marketer", "admin", "r1"),
      claims: fc.boolean(),
      variant: fc.integer({ min: 0, max: 1 }),
    })
    .map((c) => new Step({ kind: "edit", ...c })),
  fc
    .record({ who: editor, claims: fc.boolean(), variant: fc.integer({ min: 0, max: 1 }) })
    .map((c) => new Step({ kind: "edit", ...c })),
  editor.map((w) => new Step({ kind: "submit", who: w })),
  who.map((w) => new Step({ kind: "submit", who: w })),
  who.map((w) => new Step({ kind: "claim", who: w })),
  fc.constant(new Step({ kind: "expire_claim" })),
  who.map((w) => new Step({ kind: "retire", who: w })),
];

beforeAll(async () => {
  f = await reviewFixture();
  people.marketer = await sessionFor(f.brandId, "marketer");
  people.admin = f.admin;
  people.r1 = await sessionFor(f.brandId, "reviewer");
  people.r2 = await sessionFor(f.brandId, "reviewer");
  people.lawyer = await sessionFor(f.brandId, "reviewer", ["legal"]);
});

describe("the review state machine", () => {
  it("matches the model and keeps its invariants over 500 runs", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ author: fc.constantFrom<Who>("marketer", "admin"), claims: fc.boolean() }),
        fc.commands(commands, { maxCommands: 24, size: "max" }),
        async (start, cmds) => {
          const item = await f.createItem({ author: people[start.author], claims: start.claims });
          const model: Model = {
            status: "in_review",
            stageIndex: 0,
            flagged: start.claims,
            author: start.author,
            revision: 1,
            revisionBy: start.author,
            approvals: [],
            claim: null,
          };
          await fc.asyncModelRun(() => ({ model, real: { id: item.id } }), cmds);
        },
      ),
      { numRuns: 500 },
    );
  }, 600_000);
});
