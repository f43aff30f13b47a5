import { z } from "zod";

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
