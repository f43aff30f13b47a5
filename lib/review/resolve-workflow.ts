import { and, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { workflowDefinitions } from "@/db/schema";
import { ALL_CHANNELS, DEFAULT_WORKFLOW, parseStages, type WorkflowStage } from "./workflow";

export interface ResolvedWorkflow {
  id: string;
  channel: string;
  version: number;
  stages: WorkflowStage[];
}

/** Definitions never change once stored, so a parsed one is cached by id for the process. */
const pinned = new Map<string, ResolvedWorkflow>();

function toResolved(row: typeof workflowDefinitions.$inferSelect): ResolvedWorkflow {
  return { id: row.id, channel: row.channel, version: row.version, stages: parseStages(row.stages) };
}

/** The workflow version an item entered review with. */
export async function getPinnedWorkflow(executor: Executor, id: string): Promise<ResolvedWorkflow> {
  const cached = pinned.get(id);
  if (cached) return cached;
  const [row] = await executor.select().from(workflowDefinitions).where(eq(workflowDefinitions.id, id));
  if (!row) throw new Error(`workflow definition ${id} is missing`);
  const resolved = toResolved(row);
  pinned.set(id, resolved);
  return resolved;
}

/**
 * The newest workflow for a channel, else the brand's default ("*"). A brand that never saved
 * one gets the built-in default stored as its version 1, so every item pins a real row.
 */
export async function resolveWorkflow(
  executor: Executor,
  brandId: string,
  channel: string,
): Promise<ResolvedWorkflow> {
  const rows = await executor
    .select()
    .from(workflowDefinitions)
    .where(
      and(
        eq(workflowDefinitions.brandId, brandId),
        inArray(workflowDefinitions.channel, [channel, ALL_CHANNELS]),
      ),
    )
    .orderBy(desc(workflowDefinitions.version));
  const chosen = rows.find((r) => r.channel === channel) ?? rows.find((r) => r.channel === ALL_CHANNELS);
  if (chosen) return toResolved(chosen);
  await executor
    .insert(workflowDefinitions)
    .values({ brandId, channel: ALL_CHANNELS, version: 1, stages: DEFAULT_WORKFLOW })
    .onConflictDoNothing();
  const [row] = await executor
    .select()
    .from(workflowDefinitions)
    .where(
      and(
        eq(workflowDefinitions.brandId, brandId),
        eq(workflowDefinitions.channel, ALL_CHANNELS),
        eq(workflowDefinitions.version, 1),
      ),
    );
  return toResolved(row!);
}
