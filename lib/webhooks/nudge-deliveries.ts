import { logger } from "@/lib/log";
import { sendJob } from "@/lib/jobs/send-job";

/**
 * Nudges a worker to attempt these deliveries now, after the caller's transaction committed.
 * Only a shortcut: the rows are the queue, and a worker's dispatcher claims any due row within
 * WEBHOOK_POLL_INTERVAL_MS whether or not this job ever arrives.
 */
export async function nudgeDeliveries(deliveryIds: string[]): Promise<void> {
  try {
    for (const deliveryId of deliveryIds) await sendJob("deliverWebhook", { deliveryId });
  } catch (err) {
    logger().warn({ err, deliveryIds }, "could not queue webhook attempts; the dispatcher will pick them up");
  }
}
