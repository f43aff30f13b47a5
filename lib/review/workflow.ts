import type { BrandMembership } from "@/lib/auth/principal";

// The schemas live in db (workflow_definitions.stages is typed by them).
import { workflowStagesSchema, type StageActor, type WorkflowStage } from "@/db/schema/json/workflow-stages";
export * from "@/db/schema/json/workflow-stages";

/** Used for a brand (or channel) that has no saved workflow yet. */
export const DEFAULT_WORKFLOW: WorkflowStage[] = [
  {
    name: "Brand review",
    actor: { kind: "role", role: "reviewer" },
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
    onlyWhenFlagged: true,
  },
];

export const ALL_CHANNELS = "*";

/** Whether a stage applies to a revision: legal stages marked so apply only to claims. */
export function stageApplies(stage: WorkflowStage, flaggedForClaims: boolean): boolean {
  return !stage.onlyWhenFlagged || flaggedForClaims;
}

/** The first applicable stage at or after `from`, or null when none is left (publish). */
export function nextApplicableStage(
  stages: WorkflowStage[],
  from: number,
  flaggedForClaims: boolean,
): number | null {
  for (let i = from; i < stages.length; i++) if (stageApplies(stages[i]!, flaggedForClaims)) return i;
  return null;
}

/** Role stages admit that role (and admins); group stages admit the group's reviewers. */
export function mayActAtStage(membership: BrandMembership | undefined, stage: WorkflowStage): boolean {
  if (!membership || membership.role === "marketer") return false;
  if (stage.actor.kind === "role") return membership.role === stage.actor.role || membership.role === "admin";
  return membership.groups.includes(stage.actor.group);
}

export function describeActor(actor: StageActor): string {
  return actor.kind === "role" ? `${actor.role}s` : `the ${actor.group} group`;
}

export function parseStages(raw: unknown): WorkflowStage[] {
  return workflowStagesSchema.parse(raw);
}
