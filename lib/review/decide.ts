import { and, count, eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { z } from "zod";
import { contentItems, reviewApprovals, reviewComments, reviewDecisions } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { authorize, membershipOf, type Authorized } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { getSender } from "@/lib/jobs/send-job";
import { AppError, parseOrThrow } from "@/lib/errors";
import { inSpan, linkToActiveSpan } from "@/lib/tracing/in-span";
import { notifyDecision } from "@/lib/notifications/notify-decision";
import { notifyStageWaiting } from "@/lib/notifications/notify-stage-waiting";
import { reviewDecisions as decisionsMade } from "@/lib/metrics/content";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";
import { contentTraceContext } from "./content-trace";
import { loadContentLineage } from "./content-lineage";
import { claimedByOther, lockItem } from "./lock-item";
import { getPinnedWorkflow } from "./resolve-workflow";
import { describeActor, mayActAtStage, nextApplicableStage } from "./workflow";

const target = {
  brandId: z.string().uuid(),
  contentItemId: z.string().uuid(),
  /** The revision and stage the reviewer was looking at: a decision on anything else is refused. */
  revisionId: z.string().uuid(),
  stageIndex: z.number().int().min(0).max(20),
};

const note = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(3, `${what} is required`)
    .max(4000);

export const decisionInput = z.discriminatedUnion("decision", [
  z.object({ ...target, decision: z.literal("approve"), comment: z.string().trim().max(4000).optional() }),
  z.object({ ...target, decision: z.literal("reject"), comment: note("A reason") }),
  z.object({ ...target, decision: z.literal("request_changes"), comment: note("A comment") }),
]);
export type DecisionInput = z.input<typeof decisionInput>;

export type DecisionOutcome =
  | { outcome: "approval_recorded"; approvals: number; needed: number }
  | { outcome: "stage_passed"; stageIndex: number }
  | { outcome: "published" }
  | { outcome: "rejected" }
  | { outcome: "changes_requested" };

/**
 * One reviewer decision. The item row is locked, the decision must be about the revision and
 * stage the reviewer saw, and the status change is a compare-and-set on exactly that state:
 * of many concurrent decisions on one item, one changes it and the rest get a 409.
 */
export async function decide(principal: Principal | null, raw: DecisionInput): Promise<DecisionOutcome> {
  const input = parseOrThrow(decisionInput, raw);
  authorize(principal, "review:act", input.brandId);
  // A span in the content's own trace (the generation's), linked to the request that decided;
  // the webhook events it emits carry that trace on to their deliveries.
  const span = {
    parent: await contentTraceContext(input.revisionId),
    links: linkToActiveSpan(),
    attributes: { "brandgate.review.decision": input.decision, "brandgate.content.id": input.contentItemId },
  };
  return inSpan(`review.${input.decision}`, span, () => decideAuthorized(principal, input));
}

async function decideAuthorized(
  principal: Authorized<"review:act">,
  input: z.output<typeof decisionInput>,
): Promise<DecisionOutcome> {
  const membership = membershipOf(principal, input.brandId);
  const userId = principal.user.id;
  const actor = principal;
  await getSender(); // notification emails are queued in the transaction
  const outcome = await db().transaction(async (tx): Promise<DecisionOutcome> => {
    const { item, revision } = await lockItem(tx, input.brandId, input.contentItemId);
    if (item.status !== "in_review")
      throw new AppError("conflict", `This content is ${item.status.replace("_", " ")}, not in review`, {
        status: item.status,
      });
    if (item.currentRevisionId !== input.revisionId || item.stageIndex !== input.stageIndex)
      throw new AppError("conflict", "This content changed since you opened it; reload and decide again", {
        revisionId: item.currentRevisionId,
        stageIndex: item.stageIndex,
      });
    const workflow = await getPinnedWorkflow(tx, item.workflowDefinitionId!);
    const stage = workflow.stages[item.stageIndex]!;
    if (!mayActAtStage(membership, stage))
      throw new AppError("forbidden", `The ${stage.name} stage is for ${describeActor(stage.actor)}`, {
        stage: stage.name,
      });
    const now = new Date();
    if (claimedByOther(item, userId, now))
      throw new AppError("conflict", "Another reviewer has claimed this content", {
        claimedBy: item.claimedBy,
        claimExpiresAt: item.claimExpiresAt,
      });

    /** The compare-and-set every decision ends with. */
    const move = async (set: PgUpdateSetSource<typeof contentItems>) => {
      const [moved] = await tx
        .update(contentItems)
        .set({ ...set, claimedBy: null, claimExpiresAt: null, updatedAt: sql`now()` })
        .where(
          and(
            eq(contentItems.id, item.id),
            eq(contentItems.status, "in_review"),
            eq(contentItems.currentRevisionId, revision.id),
            eq(contentItems.stageIndex, item.stageIndex),
          ),
        )
        .returning({ id: contentItems.id });
      if (!moved) throw new AppError("conflict", "Another decision on this content landed first");
    };
    const record = async (
      action: (typeof reviewDecisions.$inferInsert)["action"],
      auditAction: string,
      data: Record<string, unknown> = {},
    ) => {
      await tx.insert(reviewDecisions).values({
        contentItemId: item.id,
        revisionId: revision.id,
        stageIndex: item.stageIndex,
        action,
        userId,
        comment: input.comment || null,
      });
      await appendAudit(tx, {
        brandId: item.brandId,
        actor,
        action: auditAction,
        target: { type: "content", id: item.id },
        data: {
          revisionId: revision.id,
          contentHash: revision.contentHash,
          stage: stage.name,
          stageIndex: item.stageIndex,
          ...(input.comment ? { comment: input.comment } : {}),
          ...data,
        },
      });
    };

    if (input.decision === "reject") {
      await move({ status: "rejected", statusReason: input.comment });
      await notifyDecision(tx, { item, decision: "rejected", comment: input.comment, decidedBy: userId });
      await record("rejected", "content.rejected");
      return { outcome: "rejected" };
    }
    if (input.decision === "request_changes") {
      await move({ status: "changes_requested", statusReason: input.comment });
      await tx.insert(reviewComments).values({
        contentItemId: item.id,
        revisionId: revision.id,
        authorId: userId,
        body: input.comment,
      });
      await notifyDecision(tx, {
        item,
        decision: "changes_requested",
        comment: input.comment,
        decidedBy: userId,
      });
      await record("changes_requested", "content.changes_requested");
      return { outcome: "changes_requested" };
    }

    // Separation of duties: neither the author nor whoever wrote this revision approves it.
    if (item.createdBy === userId || revision.createdBy === userId)
      throw new AppError(
        "forbidden",
        "You wrote this content or its current revision, so someone else must approve it",
      );
    const [approval] = await tx
      .insert(reviewApprovals)
      .values({
        contentItemId: item.id,
        revisionId: revision.id,
        stageIndex: item.stageIndex,
        userId,
        contentHash: revision.contentHash,
      })
      .onConflictDoNothing()
      .returning({ id: reviewApprovals.id });
    if (!approval) throw new AppError("conflict", "You have already approved this revision");
    const [{ n }] = (await tx
      .select({ n: count() })
      .from(reviewApprovals)
      .where(
        and(
          eq(reviewApprovals.revisionId, revision.id),
          eq(reviewApprovals.stageIndex, item.stageIndex),
          eq(reviewApprovals.contentHash, revision.contentHash),
        ),
      )) as [{ n: number }];
    const approvals = Number(n);
    if (approvals < stage.approvals) {
      // Not a transition: the status stays, but the approval is a decision like any other.
      await record("approved", "content.approval_recorded", { approvals, needed: stage.approvals });
      return { outcome: "approval_recorded", approvals, needed: stage.approvals };
    }
    const next = nextApplicableStage(workflow.stages, item.stageIndex + 1, revision.legalReview);
    if (next !== null) {
      await move({ stageIndex: next, stageEnteredAt: sql`now()` });
      await notifyStageWaiting(tx, { item, stage: workflow.stages[next]!, movedBy: userId });
      await record("stage_passed", "content.stage_passed", {
        approvals,
        nextStage: workflow.stages[next]!.name,
      });
      return { outcome: "stage_passed", stageIndex: next };
    }
    await move({ status: "approved", publishedAt: sql`now()` });
    await notifyDecision(tx, { item, decision: "approved", comment: input.comment, decidedBy: userId });
    await record("published", "content.published", { approvals });
    // Read inside the transaction, so the lineage includes the approval just inserted.
    const lineage = (
      await loadContentLineage(tx, [
        {
          revisionId: revision.id,
          contentHash: revision.contentHash,
          kitVersionId: revision.kitVersionId,
          templateVersionId: revision.templateVersionId,
          modelVersionId: revision.modelVersionId,
          workflowDefinitionId: item.workflowDefinitionId,
        },
      ])
    ).get(revision.id)!;
    await emitWebhookEvent(tx, {
      brandId: item.brandId,
      type: "content.approved",
      data: {
        contentItemId: item.id,
        revisionId: revision.id,
        contentHash: revision.contentHash,
        channel: item.channel,
        title: item.title,
        lineage,
      },
    });
    return { outcome: "published" };
  });
  decisionsMade.inc({ decision: input.decision });
  return outcome;
}
