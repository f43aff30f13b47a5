import { and, asc, desc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import {
  brands,
  contentItems,
  contentRevisions,
  reviewApprovals,
  templates,
  users,
  workflowDefinitions,
} from "@/db/schema";
import { can, requireUser } from "@/lib/auth/authorize";
import type { BrandMembership, Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { parseStages, type WorkflowStage } from "./workflow";

export const queueFilters = z.object({
  brandId: z.string().uuid().optional().catch(undefined),
  channel: z.string().max(40).optional().catch(undefined),
  /** A stage name, matched case-insensitively. */
  stage: z.string().max(60).optional().catch(undefined),
  /** Only items that have waited at their stage at least this many hours. */
  minAgeHours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .optional()
    .catch(undefined),
  checks: z.enum(["legal", "warnings", "clean"]).optional().catch(undefined),
  order: z.enum(["oldest", "newest"]).default("oldest").catch("oldest"),
});
export type QueueFilters = z.input<typeof queueFilters>;

export interface QueueRow {
  id: string;
  brandId: string;
  brandName: string;
  title: string;
  channel: string;
  templateName: string;
  revisionId: string;
  revisionNumber: number;
  stageIndex: number;
  stageName: string;
  stageCount: number;
  approvals: number;
  approvalsNeeded: number;
  waitingSince: Date;
  dueAt: Date;
  overdue: boolean;
  score: number;
  legalReview: boolean;
  claimedBy: string | null;
  claimedByMe: boolean;
  claimExpiresAt: Date | null;
  /** The caller wrote it or already approved it, so cannot approve it (four-eyes). */
  mayApprove: boolean;
}

const stageActor = sql`(${workflowDefinitions.stages} -> ${contentItems.stageIndex} -> 'actor')`;

/** The SQL condition "this membership may act at the item's current stage". */
function admits(m: BrandMembership): SQL {
  const byRole =
    m.role === "admin"
      ? sql`${stageActor} ->> 'kind' = 'role'`
      : sql`(${stageActor} ->> 'kind' = 'role' and ${stageActor} ->> 'role' = ${m.role})`;
  const groups = m.groups.length
    ? sql`(${stageActor} ->> 'kind' = 'group' and ${stageActor} ->> 'group' in (${sql.join(
        m.groups.map((g) => sql`${g}`),
        sql`, `,
      )}))`
    : sql`false`;
  return sql`(${contentItems.brandId} = ${m.brandId} and (${byRole} or ${groups}))`;
}

/**
 * What the caller may review now, across every brand they review for: items in review whose
 * current stage admits their role or one of their groups. Oldest first by default.
 */
export async function listReviewQueue(principal: Principal | null, raw: QueueFilters = {}, now = new Date()) {
  const s = requireUser(principal);
  const f = queueFilters.parse(raw);
  const memberships = s.memberships.filter(
    (m) => can(s, "review:act", m.brandId) && (!f.brandId || m.brandId === f.brandId),
  );
  if (!memberships.length) return [];
  const where: SQL[] = [
    eq(contentItems.status, "in_review"),
    inArray(
      contentItems.brandId,
      memberships.map((m) => m.brandId),
    ),
    sql`(${sql.join(memberships.map(admits), sql` or `)})`,
  ];
  if (f.channel) where.push(eq(contentItems.channel, f.channel));
  if (f.stage)
    where.push(
      sql`lower(${workflowDefinitions.stages} -> ${contentItems.stageIndex} ->> 'name') = ${f.stage.toLowerCase()}`,
    );
  if (f.minAgeHours)
    where.push(
      sql`${contentItems.stageEnteredAt} <= ${now.toISOString()}::timestamptz - make_interval(hours => ${f.minAgeHours})`,
    );
  if (f.checks === "legal") where.push(eq(contentRevisions.legalReview, true));
  if (f.checks === "warnings")
    where.push(and(eq(contentRevisions.legalReview, false), sql`${contentRevisions.score} < 100`)!);
  if (f.checks === "clean")
    where.push(and(eq(contentRevisions.legalReview, false), sql`${contentRevisions.score} >= 100`)!);
  const approvals = db()
    .select({
      revisionId: reviewApprovals.revisionId,
      stageIndex: reviewApprovals.stageIndex,
      n: sql<number>`count(*)::int`.as("n"),
      mine: sql<boolean>`bool_or(${reviewApprovals.userId} = ${s.user.id})`.as("mine"),
    })
    .from(reviewApprovals)
    .groupBy(reviewApprovals.revisionId, reviewApprovals.stageIndex)
    .as("approvals");
  const claimer = db().select({ id: users.id, email: users.email }).from(users).as("claimer");
  const rows = await db()
    .select({
      id: contentItems.id,
      brandId: contentItems.brandId,
      brandName: brands.name,
      title: contentItems.title,
      channel: contentItems.channel,
      templateName: templates.name,
      createdBy: contentItems.createdBy,
      revisionId: contentRevisions.id,
      revisionNumber: contentRevisions.number,
      revisionBy: contentRevisions.createdBy,
      stageIndex: contentItems.stageIndex,
      stages: workflowDefinitions.stages,
      stageEnteredAt: contentItems.stageEnteredAt,
      score: contentRevisions.score,
      legalReview: contentRevisions.legalReview,
      claimedBy: claimer.email,
      claimerId: claimer.id,
      claimExpiresAt: contentItems.claimExpiresAt,
      approvals: approvals.n,
      mine: approvals.mine,
    })
    .from(contentItems)
    .innerJoin(brands, eq(brands.id, contentItems.brandId))
    .innerJoin(templates, eq(templates.id, contentItems.templateId))
    .innerJoin(contentRevisions, eq(contentRevisions.id, contentItems.currentRevisionId))
    .innerJoin(workflowDefinitions, eq(workflowDefinitions.id, contentItems.workflowDefinitionId))
    .leftJoin(
      approvals,
      and(
        eq(approvals.revisionId, contentItems.currentRevisionId),
        eq(approvals.stageIndex, contentItems.stageIndex),
      ),
    )
    .leftJoin(claimer, and(eq(claimer.id, contentItems.claimedBy), gt(contentItems.claimExpiresAt, now)))
    .where(and(...where))
    .orderBy(f.order === "oldest" ? asc(contentItems.stageEnteredAt) : desc(contentItems.stageEnteredAt))
    .limit(200);
  return rows.map((r): QueueRow => {
    const stages: WorkflowStage[] = parseStages(r.stages);
    const stage = stages[r.stageIndex]!;
    const waitingSince = r.stageEnteredAt ?? now;
    const dueAt = new Date(waitingSince.getTime() + stage.slaHours * 3_600_000);
    return {
      id: r.id,
      brandId: r.brandId,
      brandName: r.brandName,
      title: r.title,
      channel: r.channel,
      templateName: r.templateName,
      revisionId: r.revisionId,
      revisionNumber: r.revisionNumber,
      stageIndex: r.stageIndex,
      stageName: stage.name,
      stageCount: stages.length,
      approvals: r.approvals ?? 0,
      approvalsNeeded: stage.approvals,
      waitingSince,
      dueAt,
      overdue: dueAt < now,
      score: r.score,
      legalReview: r.legalReview,
      claimedBy: r.claimedBy,
      claimedByMe: r.claimerId === s.user.id,
      claimExpiresAt: r.claimedBy ? r.claimExpiresAt : null,
      mayApprove: r.createdBy !== s.user.id && r.revisionBy !== s.user.id && !r.mine,
    };
  });
}
