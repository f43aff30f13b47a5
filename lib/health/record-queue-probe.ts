import { setTimeout as sleep } from "node:timers/promises";
import { queueProbes } from "@/db/schema";
import { db } from "@/lib/db";
import { authorizeJob } from "@/lib/jobs/authorize-job";
import type { ParsedJobPayload } from "@/lib/jobs/contracts";

/**
 * Runs a queue probe: holds for `holdMs` (abortable when the worker stops), then records the
 * marker. Running it twice has the effect of running it once: the first record stands.
 */
export async function recordQueueProbe(
  payload: ParsedJobPayload<"queueProbe">,
  signal?: AbortSignal,
): Promise<{ recorded: boolean }> {
  await authorizeJob(payload.actor, "system");
  if (payload.holdMs > 0) await sleep(payload.holdMs, undefined, { signal });
  const rows = await db()
    .insert(queueProbes)
    .values({ marker: payload.marker, workerPid: process.pid })
    .onConflictDoNothing()
    .returning({ marker: queueProbes.marker });
  return { recorded: rows.length === 1 };
}
