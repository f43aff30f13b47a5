/**
 * Runs the named jobs in the test process, as `npm run workers` would, so API tests see
 * queued work finish. Only the named queues: a test that wants no webhook attempts leaves
 * deliveries out.
 */
import type { JobKey } from "@/lib/jobs/contracts";
import { createBoss } from "@/lib/jobs/boss";
import { db } from "@/lib/db";
import { processors } from "@/workers/processors";

export async function startJobWorker(
  keys: JobKey[],
  { concurrency = 1 }: { concurrency?: number } = {},
): Promise<{ stop: () => Promise<void> }> {
  const boss = createBoss(db(), { supervise: false });
  await boss.start();
  for (const processor of processors.filter((p) => keys.includes(p.key))) {
    await boss.work(
      processor.name,
      { batchSize: 1, pollingIntervalSeconds: 0.5, localConcurrency: concurrency },
      async ([job]) => (job ? processor.run(job) : undefined),
    );
  }
  return { stop: () => boss.stop({ graceful: false, close: false }) };
}
