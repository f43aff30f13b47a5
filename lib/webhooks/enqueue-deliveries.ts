import type { Executor } from "@/db/client";
import { executorAsBossDb } from "@/lib/jobs/executor-as-boss-db";
import { sendJob } from "@/lib/jobs/send-job";

/**
 * Queues one attempt job per delivery in `executor`'s transaction. The delivery rows are the
 * truth; a lost job only delays an attempt until a worker's sweep finds the row overdue.
 */
export async function enqueueDeliveries(
  executor: Executor,
  deliveryIds: string[],
  startAfter?: Date,
): Promise<void> {
  const db = executorAsBossDb(executor);
  for (const deliveryId of deliveryIds) {
    await sendJob("deliverWebhook", { deliveryId }, { db, ...(startAfter ? { startAfter } : {}) });
  }
}
