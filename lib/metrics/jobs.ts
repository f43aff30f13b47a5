import client from "prom-client";
import { registry } from "./registry";

const queue = ["queue"] as const;

// State, read from pg-boss's tables at scrape time (lib/monitoring/read-job-state.ts).
export const jobsQueued = new client.Gauge({
  name: "brandgate_jobs_queued",
  help: "Jobs waiting in a queue (created or waiting for a retry)",
  labelNames: queue,
  registers: [registry],
});
export const jobsDead = new client.Gauge({
  name: "brandgate_jobs_dead",
  help: "Jobs of a queue that failed their last attempt and wait in the dead-letter queue for an admin",
  labelNames: queue,
  registers: [registry],
});
export const jobsOldestQueuedAge = new client.Gauge({
  name: "brandgate_jobs_oldest_queued_age_seconds",
  help: "Age of the oldest job of a queue that is ready to run and not yet taken (0 when none)",
  labelNames: queue,
  registers: [registry],
});

// Events, counted by the worker that ran the job (workers/index.ts).
/**
 * Per process rather than read from pg-boss: no index of pg-boss's leads on `state`, so counting
 * active jobs there scans the retained history, while each worker knows its own. Sum across workers.
 */
export const jobsActive = new client.Gauge({
  name: "brandgate_jobs_active",
  help: "Jobs this process is running now",
  labelNames: queue,
  registers: [registry],
});
export const jobsCompleted = new client.Counter({
  name: "brandgate_jobs_completed_total",
  help: "Jobs this process ran to completion",
  labelNames: queue,
  registers: [registry],
});
export const jobsFailed = new client.Counter({
  name: "brandgate_jobs_failed_total",
  help: "Job attempts that failed in this process (pg-boss retries them, then dead-letters them)",
  labelNames: queue,
  registers: [registry],
});
export const jobDuration = new client.Histogram({
  name: "brandgate_job_duration_seconds",
  help: "How long a job's attempt ran in this process, by outcome (completed, failed)",
  labelNames: ["queue", "outcome"] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  registers: [registry],
});

/** The hook for one job attempt that starts in this process (workers/index.ts). */
export function jobStarted(queue: string): void {
  jobsActive.inc({ queue });
}

/** The hook for one job attempt that ended in this process (workers/index.ts). */
export function observeJob(queue: string, outcome: "completed" | "failed", seconds: number): void {
  jobsActive.dec({ queue });
  (outcome === "completed" ? jobsCompleted : jobsFailed).inc({ queue });
  jobDuration.observe({ queue, outcome }, seconds);
}
