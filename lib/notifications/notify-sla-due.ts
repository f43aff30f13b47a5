import { and, eq, isNotNull, lte } from "drizzle-orm";
import { contentItems, workflowDefinitions } from "@/db/schema";
import type { PrincipalRef } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { authorizeJob } from "@/lib/jobs/authorize-job";
import { notifyUsers, type NewNotification } from "./notify-users";
import { stageReviewers } from "./stage-reviewers";

/** An item is "about to lapse" once three quarters of its stage's SLA have passed. */
export const SLA_WARNING_FRACTION = 0.75;
/** The shortest SLA is an hour (workflowStageSchema), so nothing younger can be due. */
const YOUNGEST_DUE_MS = SLA_WARNING_FRACTION * 3_600_000;

/**
 * The periodic sweep (`notifications.sla-due.v1`): warns a stage's reviewers of each item at
 * that stage whose SLA is about to lapse, once per stage entry (the dedupe key names the
 * item, the stage and when it was entered, so a resubmitted item warns again). It only tells:
 * nothing here decides or moves content.
 */
export async function notifySlaDue(
  input: { actor: PrincipalRef },
  now = new Date(),
): Promise<{ warned: number }> {
  await authorizeJob(input.actor, "system");
  const waiting = await db()
    .select({
      id: contentItems.id,
      brandId: contentItems.brandId,
      title: contentItems.title,
      stageIndex: contentItems.stageIndex,
      stageEnteredAt: contentItems.stageEnteredAt,
      stages: workflowDefinitions.stages,
    })
    .from(contentItems)
    .innerJoin(workflowDefinitions, eq(workflowDefinitions.id, contentItems.workflowDefinitionId))
    .where(
      and(
        eq(contentItems.status, "in_review"),
        isNotNull(contentItems.stageEnteredAt),
        lte(contentItems.stageEnteredAt, new Date(now.getTime() - YOUNGEST_DUE_MS)),
      ),
    );
  let warned = 0;
  for (const item of waiting) {
    const stage = item.stages[item.stageIndex];
    if (!stage || !item.stageEnteredAt) continue;
    const dueAt = item.stageEnteredAt.getTime() + stage.slaHours * 3_600_000;
    const warnAt = item.stageEnteredAt.getTime() + stage.slaHours * 3_600_000 * SLA_WARNING_FRACTION;
    if (now.getTime() < warnAt) continue;
    const lapsed = now.getTime() >= dueAt;
    const reviewers = await stageReviewers(db(), item.brandId, stage);
    const rows: NewNotification[] = reviewers.map((userId) => ({
      userId,
      brandId: item.brandId,
      kind: "review_sla_due",
      contentItemId: item.id,
      title: `${lapsed ? "Overdue" : "SLA about to lapse"}: ${item.title}`,
      body: `"${item.title}" has waited at the ${stage.name} stage since ${item.stageEnteredAt!.toISOString()}; its ${stage.slaHours} h SLA ${lapsed ? "lapsed" : "lapses"} at ${new Date(dueAt).toISOString()}.`,
      dedupeKey: `sla:${item.id}:${item.stageIndex}:${item.stageEnteredAt!.toISOString()}`,
    }));
    warned += (await db().transaction((tx) => notifyUsers(tx, rows))).length;
  }
  return { warned };
}
