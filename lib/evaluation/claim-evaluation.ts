import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import { modelEvaluations, type ModelEvaluation } from "@/db/schema";
import { db } from "@/lib/db";

/** A run not finished after this long is taken to have died with its worker. */
export const EVALUATION_LEASE_MS = 30 * 60 * 1000;

/**
 * Compare-and-set from `queued` (or `error`, or a `running` row whose lease ran out) to
 * `running`. Only one caller gets the row; the others are told what it is now, so a job
 * delivered twice evaluates once.
 */
export async function claimEvaluation(
  evaluationId: string,
): Promise<{ claimed: true; row: ModelEvaluation } | { claimed: false; row: ModelEvaluation | null }> {
  const stale = new Date(Date.now() - EVALUATION_LEASE_MS);
  const [row] = await db()
    .update(modelEvaluations)
    .set({ status: "running", startedAt: sql`now()` })
    .where(
      and(
        eq(modelEvaluations.id, evaluationId),
        or(
          inArray(modelEvaluations.status, ["queued", "error"]),
          and(eq(modelEvaluations.status, "running"), lt(modelEvaluations.startedAt, stale)),
        ),
      ),
    )
    .returning();
  if (row) return { claimed: true, row };
  const [current] = await db().select().from(modelEvaluations).where(eq(modelEvaluations.id, evaluationId));
  return { claimed: false, row: current ?? null };
}
