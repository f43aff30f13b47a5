import type { Logger } from "pino";
import { dispatchDueDeliveries } from "@/lib/webhooks/dispatch-due-deliveries";
import { onDeliveriesAnnounced } from "@/lib/webhooks/delivery-wake";
import { nextDeliveryDueInMs } from "@/lib/webhooks/next-delivery-due";

/**
 * The longest the dispatcher sleeps with nothing due. New deliveries wake it at once (their
 * transaction NOTIFYs, lib/webhooks/delivery-wake.ts); this sweep finds what no announcement
 * reached (the listening connection was down), so such a delivery waits at most this long.
 * Idle, the sweep costs two queries per period.
 */
export const IDLE_SWEEP_MS = 30_000;

/**
 * Attempts due webhook deliveries, one dispatch at a time, and again at once while a dispatch
 * finds a full batch. Between dispatches it sleeps until the next pending delivery is due (a
 * retry's backoff, a dead worker's lease running out) or until new deliveries are announced —
 * at least `intervalMs` after the last dispatch, at most IDLE_SWEEP_MS — instead of polling on
 * a fixed beat, which idle was a query a second for nothing. `stop` waits for the dispatch in
 * progress.
 */
export async function startWebhookDispatcher(
  options: { intervalMs: number; batchSize: number },
  log: Logger,
): Promise<{ stop: () => Promise<void> }> {
  let current: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  /** An announcement came while a dispatch ran: look again right after it. */
  let again = false;
  let lastStart = 0;
  const dispatch = async () => {
    lastStart = Date.now();
    while (!stopped) {
      const outcomes = await dispatchDueDeliveries({ limit: options.batchSize });
      if (outcomes.length < options.batchSize) break;
    }
    const due = stopped ? null : await nextDeliveryDueInMs();
    return Math.min(IDLE_SWEEP_MS, Math.max(options.intervalMs, due ?? IDLE_SWEEP_MS));
  };
  const run = () => {
    clearTimeout(timer);
    again = false;
    current = dispatch()
      .catch((err: unknown) => {
        log.warn({ err }, "webhook dispatch failed");
        return options.intervalMs;
      })
      .then((waitMs) => {
        current = undefined;
        if (stopped) return;
        if (again) schedule(0);
        else schedule(waitMs);
      });
  };
  const schedule = (waitMs: number) => {
    clearTimeout(timer);
    // Never sooner than intervalMs after the last dispatch began: a burst of announcements
    // makes one dispatch, not one each.
    const delay = Math.max(waitMs, lastStart + options.intervalMs - Date.now(), 0);
    timer = setTimeout(run, delay);
  };
  const wake = () => {
    if (stopped) return;
    if (current) again = true;
    else schedule(0);
  };
  const unlisten = await onDeliveriesAnnounced(wake).catch((err: unknown) => {
    log.warn({ err }, "cannot listen for webhook deliveries; sweeping every IDLE_SWEEP_MS only");
    return async () => {};
  });
  schedule(options.intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await unlisten().catch(() => undefined);
      await current;
    },
  };
}
