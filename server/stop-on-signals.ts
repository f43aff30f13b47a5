import { closeDb } from "@/lib/db";
import { stopSender } from "@/lib/jobs/send-job";
import type { Logger } from "pino";

/**
 * SIGTERM / SIGINT stop a web process once: `closers` run in order (the API first, so no new
 * request is taken), then the job sender and the pool close and the process exits 0.
 */
export function stopOnSignals(log: Logger, closers: (() => Promise<unknown> | unknown)[]): void {
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, "stopping web");
    for (const close of closers) await close();
    await stopSender();
    await closeDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}
