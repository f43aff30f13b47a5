import type { Logger } from "pino";
import { sweepDueDeliveries } from "@/lib/webhooks/sweep-deliveries";

/** Runs the webhook sweep every `intervalMs` in this worker, one sweep at a time; `stop` waits for the current one. */
export function startWebhookSweeper(intervalMs: number, log: Logger): { stop: () => Promise<void> } {
  let current: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (current) return;
    current = sweepDueDeliveries()
      .then(() => undefined)
      .catch((err: unknown) => log.warn({ err }, "webhook sweep failed"))
      .finally(() => (current = undefined));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
