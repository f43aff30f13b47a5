import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Results of `system.queue-probe` jobs: proof that a worker took a job from the queue and
 * finished it. Health reports the newest; tests use the marker to prove no job was lost.
 */
export const queueProbes = pgTable("queue_probes", {
  marker: text().primaryKey(),
  /** Process id of the worker whose run landed first; later runs of the same job change nothing. */
  workerPid: integer().notNull(),
  completedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
