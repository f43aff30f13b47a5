import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { generationBatches, generations } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import { principalRefOf, type Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { sendJob } from "@/lib/jobs/send-job";

export const resumeBatchInput = z.object({ brandId: z.string().uuid(), batchId: z.string().uuid() });

/**
 * Queues a job for every row still `queued`. Safe to run any number of times: a row whose
 * job runs twice is generated once (runGeneration claims the row and stores its content in
 * one transaction), so resuming after an interruption never doubles anything.
 */
export async function resumeBatch(principal: Principal | null, raw: z.input<typeof resumeBatchInput>) {
  const { brandId, batchId } = parseOrThrow(resumeBatchInput, raw);
  authorize(principal, "studio:use", brandId);
  const [batch] = await db()
    .select({ id: generationBatches.id })
    .from(generationBatches)
    .where(and(eq(generationBatches.id, batchId), eq(generationBatches.brandId, brandId)));
  if (!batch) throw new AppError("not_found", "No such batch in this brand");
  const pending = await db()
    .select({ id: generations.id })
    .from(generations)
    .where(and(eq(generations.batchId, batchId), eq(generations.status, "queued")));
  for (const row of pending) {
    await sendJob("runGeneration", {
      actor: principalRefOf(principal, brandId),
      generationId: row.id,
    });
  }
  return { queued: pending.length };
}
