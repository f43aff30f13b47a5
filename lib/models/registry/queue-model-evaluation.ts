import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { modelEvaluations } from "@/db/schema";
import type { PrincipalRef } from "@/lib/auth/principal";
import { sendJob } from "@/lib/jobs/send-job";
import { logger } from "@/lib/log";

/**
 * Writes the `queued` evaluation in the caller's transaction, with the version it gates: the
 * row is the outbox. The job itself is sent after commit (`sendEvaluationJob`) because a
 * pg-boss send inside the caller's transaction waits forever on the embedded database (see
 * lib/webhooks/emit-webhook-event.ts). One evaluation per version: a second call returns it.
 */
export async function queueModelEvaluation(
  tx: Executor,
  input: { modelId: string; versionId: string },
): Promise<string> {
  const [row] = await tx
    .insert(modelEvaluations)
    .values({ modelId: input.modelId, versionId: input.versionId })
    .onConflictDoNothing({ target: modelEvaluations.versionId })
    .returning({ id: modelEvaluations.id });
  if (row) return row.id;
  const [existing] = await tx
    .select({ id: modelEvaluations.id })
    .from(modelEvaluations)
    .where(eq(modelEvaluations.versionId, input.versionId));
  return existing!.id;
}

/** After commit. A failed send leaves the row `queued`, where an admin can see it stuck. */
export async function sendEvaluationJob(evaluationId: string, actor: PrincipalRef): Promise<string | null> {
  try {
    return await sendJob("evaluateModelVersion", { actor, evaluationId }, { singletonKey: evaluationId });
  } catch (err) {
    logger().warn({ err, evaluationId }, "could not queue the model evaluation");
    return null;
  }
}
