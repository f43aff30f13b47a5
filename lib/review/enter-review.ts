import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { contentItems, reviewDecisions, type ContentItemRow, type ContentRevisionRow } from "@/db/schema";
import { appendAudits, type AuditInput } from "@/lib/audit/append-audit";
import type { ActorRecord, Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { notifyStageWaiting } from "@/lib/notifications/notify-stage-waiting";
import { getPinnedWorkflow, resolveWorkflow } from "./resolve-workflow";
import { nextApplicableStage } from "./workflow";

export interface EnterReviewInput {
  item: Pick<
    ContentItemRow,
    "id" | "brandId" | "channel" | "title" | "workflowDefinitionId" | "currentRevisionId"
  >;
  revision: Pick<ContentRevisionRow, "id" | "blocked" | "legalReview" | "contentHash">;
  actor: Principal | ActorRecord;
  userId: string | null;
  /**
   * The caller's own audit entries for this transaction, appended just before this one and in
   * the same go: the audit head stays locked from the first append to the commit, so appends
   * come last (lib/audit/append-audit.ts).
   */
  precedingAudit?: AuditInput[];
}

/**
 * Puts an item (a draft, or one whose changes were requested) into review at the first stage
 * that applies to its current revision. The first time, the item pins the workflow version in
 * force; a resubmission keeps that version. Runs inside the caller's transaction.
 */
export async function enterReview(tx: Executor, input: EnterReviewInput) {
  const { item, revision } = input;
  if (revision.blocked)
    throw new AppError("conflict", "This revision fails the brand's checks; fix it before submitting");
  const workflow = item.workflowDefinitionId
    ? await getPinnedWorkflow(tx, item.workflowDefinitionId)
    : await resolveWorkflow(tx, item.brandId, item.channel);
  if (revision.legalReview && !workflow.stages.some((s) => s.legal))
    throw new AppError(
      "conflict",
      "This content makes claims that need legal review, and the brand's workflow has no legal stage",
      { workflowVersion: workflow.version },
    );
  const first = nextApplicableStage(workflow.stages, 0, revision.legalReview);
  if (first === null) throw new Error(`workflow ${workflow.id} has no stage for this content`);
  // Compare-and-set: only a draft (or changes requested) on this very revision enters review.
  const [moved] = await tx
    .update(contentItems)
    .set({
      status: "in_review",
      workflowDefinitionId: workflow.id,
      stageIndex: first,
      stageEnteredAt: sql`now()`,
      submittedAt: sql`now()`,
      claimedBy: null,
      claimExpiresAt: null,
      statusReason: null,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(contentItems.id, item.id),
        eq(contentItems.currentRevisionId, revision.id),
        inArray(contentItems.status, ["draft", "changes_requested"]),
      ),
    )
    .returning({ id: contentItems.id });
  if (!moved)
    throw new AppError("conflict", "Only a draft, or content sent back for changes, can be submitted");
  await tx.insert(reviewDecisions).values({
    contentItemId: item.id,
    revisionId: revision.id,
    stageIndex: first,
    action: "submitted",
    userId: input.userId,
  });
  // The stage's reviewers hear of it (and get an email job) only if this transaction commits.
  await notifyStageWaiting(tx, { item, stage: workflow.stages[first]!, movedBy: input.userId });
  await appendAudits(tx, [
    ...(input.precedingAudit ?? []),
    {
      brandId: item.brandId,
      actor: input.actor,
      action: "content.submitted",
      target: { type: "content", id: item.id },
      data: {
        revisionId: revision.id,
        contentHash: revision.contentHash,
        workflowId: workflow.id,
        workflowVersion: workflow.version,
        stage: workflow.stages[first]!.name,
      },
    },
  ]);
  return { status: "in_review" as const, stageIndex: first, workflowId: workflow.id };
}
