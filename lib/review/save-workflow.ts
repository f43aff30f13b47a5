import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { workflowDefinitions } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { channelSchema } from "@/lib/brand/kit";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { ALL_CHANNELS, workflowStagesSchema } from "./workflow";

export const saveWorkflowInput = z.object({
  brandId: z.string().uuid(),
  /** A channel, or "*" for the brand's default workflow. */
  channel: z.union([z.literal(ALL_CHANNELS), channelSchema]),
  stages: workflowStagesSchema,
});

/**
 * Stores the next version of a workflow. Items already in review keep the version they
 * started with; only items entering review from now on use this one.
 */
export async function saveWorkflow(principal: Principal | null, raw: z.input<typeof saveWorkflowInput>) {
  const input = parseOrThrow(saveWorkflowInput, raw);
  authorize(principal, "workflows:manage", input.brandId);
  return db().transaction(async (tx) => {
    // The unique (brand, channel, version) key turns a concurrent save into an error, not a fork.
    const [{ next }] = (await tx
      .select({ next: sql<number>`coalesce(max(${workflowDefinitions.version}), 0) + 1` })
      .from(workflowDefinitions)
      .where(
        and(eq(workflowDefinitions.brandId, input.brandId), eq(workflowDefinitions.channel, input.channel)),
      )) as [{ next: number }];
    const [row] = await tx
      .insert(workflowDefinitions)
      .values({
        brandId: input.brandId,
        channel: input.channel,
        version: Number(next),
        stages: input.stages,
        createdBy: principal.user.id,
      })
      .returning();
    await appendAudit(tx, {
      brandId: input.brandId,
      actor: principal,
      action: "workflow.saved",
      target: { type: "workflow", id: row!.id },
      data: { channel: input.channel, version: row!.version, stages: input.stages },
    });
    return row!;
  });
}
