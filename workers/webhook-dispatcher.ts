import type { Logger } from "pino";
import { dispatchDueDeliveries } from "@/lib/webhooks/dispatch-due-deliveries";
import { nextDeliveryDueInMs } from "@/lib/webhooks/next-delivery-due";

/**
 * The longest the dispatcher sleeps with nothing due. A new delivery is attempted at once by its
 * deliverWebhook job (lib/webhooks/nudge-deliveries.ts), which wakes a worker by NOTIFY; this
 * sweep is what finds one whose job never arrived (the sender died after the commit), so such a
 * delivery waits at most this long. Idle, the sweep costs two queries per period.
 */
export const IDLE_SWEEP_MS = 30_000;

/**
 * Attempts due webhook deliveries, one dispatch at a time, and again at once while a dispatch
 * finds a full batch. Between dispatches it sleeps until the next pending delivery is due (a
 * retry's backoff, a dead worker's lease running out), at least `intervalMs` and at most
 * IDLE_SWEEP_MS — not on a fixed beat, which idle was a query a second for nothing.
 * `stop` waits for the dispatch in progress.
 */
export function startWebhookDispatcher(
  options: { intervalMs: number; batchSize: number },
  log: Logger,
): { stop: () => Promise<void> } {
  let current: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const dispatch = async () => {
    while (!stopped) {
      const outcomes = await dispatchDueDeliveries({ limit: options.batchSize });
      if (outcomes.length < options.batchSize) break;
    }
    const due = stopped ? null : await nextDeliveryDueInMs();
    return Math.min(IDLE_SWEEP_MS, Math.max(options.intervalMs, due ?? IDLE_SWEEP_MS));
  };
  const run = () => {
    current = dispatch()
      .catch((err: unknown) => {
        log.warn({ err }, "webhook dispatch failed");
        return options.intervalMs;
      })
      .then((waitMs) => {
        current = undefined;
        if (!stopped) timer = setTimeout(run, waitMs);
      });
  };
  timer = setTimeout(run, options.intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
