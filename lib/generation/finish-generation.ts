import { and, eq, inArray, sql } from "drizzle-orm";
import { generations } from "@/db/schema";
import { db } from "@/lib/db";
import { generationsFinished } from "@/lib/metrics/content";
import type { ProgressColumns } from "./record-step";

/**
 * Ends an unfinished generation as blocked or failed, with the reasons people will read. A
 * queued one can end here too: its job was refused before it ran. Answers whether it moved the
 * generation (false when it had already ended). The pipeline's pending steps and rounds
 * (`progress.take()`) are written in the same statement.
 */
export async function finishGeneration(
  id: string,
  status: "blocked" | "failed",
  outcome: { reasons: string[]; [k: string]: unknown },
  progress?: ProgressColumns,
) {
  const moved = await db()
    .update(generations)
    .set({ status, outcome, ...progress, updatedAt: sql`now()` })
    .where(and(eq(generations.id, id), inArray(generations.status, ["queued", "running"])))
    .returning({ id: generations.id });
  if (moved.length > 0) generationsFinished.inc({ outcome: status });
  return moved.length > 0;
}
