import { desc, eq } from "drizzle-orm";
import { workflowDefinitions } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { ALL_CHANNELS, DEFAULT_WORKFLOW, parseStages, type WorkflowStage } from "./workflow";

export interface WorkflowSummary {
  channel: string;
  version: number;
  stages: WorkflowStage[];
  createdAt: Date | null;
  history: { id: string; version: number; createdAt: Date }[];
}

/** The current workflow per channel (the default "*" first), with each one's earlier versions. */
export async function listWorkflows(
  principal: Principal | null,
  brandId: string,
): Promise<WorkflowSummary[]> {
  authorize(principal, "workflows:manage", brandId);
  const rows = await db()
    .select()
    .from(workflowDefinitions)
    .where(eq(workflowDefinitions.brandId, brandId))
    .orderBy(desc(workflowDefinitions.version));
  const byChannel = new Map<string, WorkflowSummary>();
  for (const row of rows) {
    const summary = byChannel.get(row.channel);
    if (summary) summary.history.push({ id: row.id, version: row.version, createdAt: row.createdAt });
    else
      byChannel.set(row.channel, {
        channel: row.channel,
        version: row.version,
        stages: parseStages(row.stages),
        createdAt: row.createdAt,
        history: [{ id: row.id, version: row.version, createdAt: row.createdAt }],
      });
  }
  if (!byChannel.has(ALL_CHANNELS))
    byChannel.set(ALL_CHANNELS, {
      channel: ALL_CHANNELS,
      version: 0,
      stages: DEFAULT_WORKFLOW,
      createdAt: null,
      history: [],
    });
  return [...byChannel.values()].sort((a, b) =>
    a.channel === ALL_CHANNELS ? -1 : b.channel === ALL_CHANNELS ? 1 : a.channel.localeCompare(b.channel),
  );
}
