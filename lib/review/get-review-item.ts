import { and, asc, desc, eq, inArray } from "drizzle-orm";
import {
  brands,
  contentItems,
  contentRevisions,
  reviewApprovals,
  reviewDecisions,
  templates,
  users,
} from "@/db/schema";
import { can, requireUser } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { listComments } from "./comments";
import { claimedByOther } from "./lock-item";
import { chooseDiffBase } from "./choose-diff-base";
import { legalReviewPending } from "./legal-review-pending";
import { getPinnedWorkflow } from "./resolve-workflow";
import { describeActor, mayActAtStage, stageApplies } from "./workflow";

export type StageState = "done" | "current" | "waiting" | "skipped";

/**
 * Everything a reviewer reads before deciding: the item, its revisions, where it stands in
 * its pinned workflow, who approved the current revision, the history and the comments.
 * Found in any brand the caller can see; anywhere else it does not exist (404).
 */
export async function getReviewItem(principal: Principal | null, id: string, now = new Date()) {
  const s = requireUser(principal);
  const brandIds = s.memberships.filter((m) => can(s, "library:view", m.brandId)).map((m) => m.brandId);
  const [row] = brandIds.length
    ? await db()
        .select({ item: contentItems, templateName: templates.name, brandName: brands.name })
        .from(contentItems)
        .innerJoin(templates, eq(templates.id, contentItems.templateId))
        .innerJoin(brands, eq(brands.id, contentItems.brandId))
        .where(and(eq(contentItems.id, id), inArray(contentItems.brandId, brandIds)))
    : [];
  if (!row) throw new AppError("not_found", "No such content");
  const { item } = row;
  const membership = s.memberships.find((m) => m.brandId === item.brandId)!;
  const revisions = await db()
    .select()
    .from(contentRevisions)
    .where(eq(contentRevisions.contentItemId, id))
    .orderBy(desc(contentRevisions.number));
  const current = revisions[0]!;
  const workflow = item.workflowDefinitionId
    ? await getPinnedWorkflow(db(), item.workflowDefinitionId)
    : null;
  const approvals = await db()
    .select({
      stageIndex: reviewApprovals.stageIndex,
      userId: reviewApprovals.userId,
      email: users.email,
      at: reviewApprovals.createdAt,
    })
    .from(reviewApprovals)
    .innerJoin(users, eq(users.id, reviewApprovals.userId))
    .where(eq(reviewApprovals.revisionId, current.id))
    .orderBy(asc(reviewApprovals.createdAt));
  const history = await db()
    .select({
      id: reviewDecisions.id,
      action: reviewDecisions.action,
      stageIndex: reviewDecisions.stageIndex,
      revisionId: reviewDecisions.revisionId,
      comment: reviewDecisions.comment,
      userId: reviewDecisions.userId,
      by: users.email,
      at: reviewDecisions.createdAt,
    })
    .from(reviewDecisions)
    .leftJoin(users, eq(users.id, reviewDecisions.userId))
    .where(eq(reviewDecisions.contentItemId, id))
    .orderBy(desc(reviewDecisions.createdAt));
  const inReview = item.status === "in_review";
  const stages = (workflow?.stages ?? []).map((stage, i) => {
    const state: StageState = !stageApplies(stage, current.legalReview)
      ? "skipped"
      : item.status === "approved" || item.status === "retired" || (inReview && i < item.stageIndex)
        ? "done"
        : inReview && i === item.stageIndex
          ? "current"
          : "waiting";
    return {
      ...stage,
      who: describeActor(stage.actor),
      state,
      approvedBy: approvals.filter((a) => a.stageIndex === i).map((a) => a.email),
    };
  });
  const stage = inReview ? workflow?.stages[item.stageIndex] : undefined;
  const mayAct = !!stage && can(s, "review:act", item.brandId) && mayActAtStage(membership, stage);
  const claimHolder =
    item.claimedBy && item.claimExpiresAt && item.claimExpiresAt > now
      ? ((await db().select({ email: users.email }).from(users).where(eq(users.id, item.claimedBy)))[0]
          ?.email ?? null)
      : null;
  return {
    item,
    brandName: row.brandName,
    templateName: row.templateName,
    revisions,
    current,
    workflow: workflow && { id: workflow.id, version: workflow.version, channel: workflow.channel },
    stages,
    /** "Needs legal review" until a legal stage has approved the current revision. */
    legalReviewPending: legalReviewPending({ flagged: current.legalReview, status: item.status, stages }),
    /** The comparison this reader sees first: since their own last verdict, else the last two revisions. */
    diffBase: chooseDiffBase({ revisions, history, userId: s.user.id }),
    history,
    comments: await listComments(id),
    claim: claimHolder
      ? { holder: claimHolder, mine: item.claimedBy === s.user.id, expiresAt: item.claimExpiresAt! }
      : null,
    may: {
      act: mayAct && !claimedByOther(item, s.user.id, now),
      approve:
        mayAct &&
        !claimedByOther(item, s.user.id, now) &&
        item.createdBy !== s.user.id &&
        current.createdBy !== s.user.id &&
        !approvals.some((a) => a.userId === s.user.id),
      /** Why approving is not offered, when the stage admits the caller. */
      approveBlockedBy:
        item.createdBy === s.user.id || current.createdBy === s.user.id
          ? "You wrote this content or its current revision, so someone else must approve it."
          : approvals.some((a) => a.userId === s.user.id)
            ? "You have already approved this revision."
            : null,
      retire: item.status === "approved" && can(s, "content:retire", item.brandId),
      edit:
        can(s, "studio:use", item.brandId) &&
        ["draft", "in_review", "changes_requested"].includes(item.status),
    },
  };
}
export type ReviewItem = Awaited<ReturnType<typeof getReviewItem>>;
