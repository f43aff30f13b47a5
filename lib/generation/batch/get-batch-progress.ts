import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { generationBatches, generations } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Counts per status and the rows that failed or were blocked, with their reasons. */
export async function getBatchProgress(principal: Principal | null, brandId: string, batchId: string) {
  authorize(principal, "library:view", brandId);
  const [batch] = await db()
    .select()
    .from(generationBatches)
    .where(and(eq(generationBatches.id, batchId), eq(generationBatches.brandId, brandId)));
  if (!batch) throw new AppError("not_found", "No such batch in this brand");
  const counts = await db()
    .select({ status: generations.status, n: sql<number>`count(*)::int` })
    .from(generations)
    .where(eq(generations.batchId, batchId))
    .groupBy(generations.status);
  const problems = await db()
    .select({ row: generations.batchRow, status: generations.status, outcome: generations.outcome })
    .from(generations)
    .where(and(eq(generations.batchId, batchId), inArray(generations.status, ["failed", "blocked"])))
    .orderBy(asc(generations.batchRow))
    .limit(200);
  const by = Object.fromEntries(counts.map((c) => [c.status, c.n])) as Partial<Record<string, number>>;
  const done = (by.succeeded ?? 0) + (by.blocked ?? 0) + (by.failed ?? 0);
  return { batch, counts: by, done, total: batch.totalRows, problems };
}
