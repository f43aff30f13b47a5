import { z } from "zod";
import type { BrandMembership } from "@/lib/auth/principal";

/** Who may act at a stage: anyone holding a role, or the members of a named reviewer group. */
export const stageActorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("role"), role: z.enum(["reviewer", "admin"]) }),
  z.object({
    kind: z.literal("group"),
    group: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[a-z0-9][a-z0-9_-]*$/, "lowercase letters, digits, - and _"),
  }),
]);
export type StageActor = z.infer<typeof stageActorSchema>;

export const workflowStageSchema = z.object({
  name: z.string().trim().min(1).max(60),
  actor: stageActorSchema,
  approvals: z.number().int().min(1).max(5),
  /** How long an item may wait at this stage before it shows as overdue. */
  slaHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  /** The legal stage: content flagged for claims must pass it. */
  legal: z.boolean().default(false),
  /** A legal stage that content without claims skips. */
  onlyWhenFlagged: z.boolean().default(false),
});
export type WorkflowStage = z.infer<typeof workflowStageSchema>;

export const workflowStagesSchema = z
  .array(workflowStageSchema)
  .min(1, "A workflow needs at least one stage")
  .max(8)
  .superRefine((stages, ctx) => {
    stages.forEach((s, i) => {
      if (s.onlyWhenFlagged && !s.legal)
        ctx.addIssue({
          code: "custom",
          path: [i, "onlyWhenFlagged"],
          message: "Only a legal stage can be skipped for content without claims",
        });
    });
    const names = stages.map((s) => s.name.toLowerCase());
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i)
        ctx.addIssue({ code: "custom", path: [i, "name"], message: "Stage names must be unique" });
    });
    if (stages.every((s) => s.onlyWhenFlagged))
      ctx.addIssue({
        code: "custom",
        path: [],
        message: "At least one stage must apply to all content",
      });
  });

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
