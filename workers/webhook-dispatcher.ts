import type { Logger } from "pino";
import { dispatchDueDeliveries } from "@/lib/webhooks/dispatch-due-deliveries";

/**
 * Polls for due webhook deliveries every `intervalMs`, one dispatch at a time, and again at
 * once while a dispatch finds a full batch. `stop` waits for the dispatch in progress.
 */
export function startWebhookDispatcher(
  options: { intervalMs: number; batchSize: number },
  log: Logger,
): { stop: () => Promise<void> } {
  let current: Promise<void> | undefined;
  let stopped = false;
  const dispatch = async () => {
    while (!stopped) {
      const outcomes = await dispatchDueDeliveries({ limit: options.batchSize });
      if (outcomes.length < options.batchSize) return;
    }
  };
  const timer = setInterval(() => {
    if (current) return;
    current = dispatch()
      .catch((err: unknown) => log.warn({ err }, "webhook dispatch failed"))
      .finally(() => (current = undefined));
  }, options.intervalMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
