/**
 * The worker process (`npm run workers`). Any number may run against one database.
 * SIGTERM drains: no new jobs are taken, running jobs get WORKER_SHUTDOWN_TIMEOUT_MS to
 * finish, and any still running after that are failed back to the queue for a retry.
 */
import os from "node:os";
import type { WorkOptions } from "pg-boss";
import { getEnv, EnvError } from "@/lib/env";
import { closeDb, db } from "@/lib/db";
import { createBoss, ensureQueues } from "@/lib/jobs/boss";
import { JOBS, type JobKey } from "@/lib/jobs/contracts";
import { logger } from "@/lib/log";
import { startTracing, stopTracing } from "@/lib/tracing/start-tracing";
import { jobStarted, observeJob } from "@/lib/metrics/jobs";
import { startMetricsServer } from "./metrics-server";
import { settleGenerationShadows } from "@/lib/generation/start-generation-shadow";
import { processors } from "./processors";
import { startWebhookDispatcher } from "./webhook-dispatcher";

process.title = "brandgate-workers";

async function main(): Promise<void> {
  const env = getEnv();
  await startTracing("workers", env);
  // Which process ran a job: the host (a pod's name under Kubernetes) and the pid, on every line.
  const log = logger().child({ component: "workers", worker: `${os.hostname()}:${process.pid}` });
  const boss = createBoss(db(), { supervise: true });
  boss.on("error", (err: unknown) => log.error({ err }, "queue error"));
  await boss.start();
  await ensureQueues(boss);

  for (const processor of processors) {
    await boss.work(processor.name, pollingFor(processor.key, env.WORKER_CONCURRENCY), async ([job]) => {
      if (!job) return;
      const started = Date.now();
      jobStarted(job.name);
      try {
        const result = await processor.run(job);
        log.info(
          { job: job.id, name: job.name, attempt: job.retryCount, ms: Date.now() - started },
          "job done",
        );
        observeJob(job.name, "completed", (Date.now() - started) / 1000);
        return result;
      } catch (err) {
        log.warn({ job: job.id, name: job.name, attempt: job.retryCount, err }, "job failed");
        observeJob(job.name, "failed", (Date.now() - started) / 1000);
        throw err;
      }
    });
  }
  await boss.schedule(JOBS.pruneAuthRecords.name, "17 * * * *", { actor: { kind: "system" } });
  await boss.schedule(JOBS.pruneApiRecords.name, "23 * * * *", { actor: { kind: "system" } });
  // Hourly; each personalisation model's policy says how often it is actually retrained.
  await boss.schedule(JOBS.retrainDue.name, "41 * * * *", { actor: { kind: "system" } });
  // Hourly, a few minutes past so the hour that just closed is the current window's end.
  await boss.schedule(JOBS.detectDrift.name, "7 * * * *", { actor: { kind: "system" } });
  // Every minute; each rollout's own interval decides whether a run looks at it.
  await boss.schedule(JOBS.analyseRollouts.name, "* * * * *", { actor: { kind: "system" } });
  // Every minute: a generation whose job died on its last attempt (worker killed, expiry) is
  // dead-lettered with no processor left to end it; the sweep marks it failed.
  await boss.schedule(JOBS.failDeadGenerations.name, "* * * * *", { actor: { kind: "system" } });
  const webhooks = startWebhookDispatcher(
    { intervalMs: env.WEBHOOK_POLL_INTERVAL_MS, batchSize: env.WORKER_CONCURRENCY * 4 },
    log,
  );
  const metrics =
    env.WORKER_METRICS_PORT === undefined
      ? null
      : await startMetricsServer({ host: env.HOST, port: env.WORKER_METRICS_PORT }, log);
  log.info(
    {
      queues: processors.map((p) => p.name),
      concurrency: env.WORKER_CONCURRENCY,
      metrics: metrics ? `http://${env.HOST}:${metrics.port}/metrics` : "off",
    },
    "workers ready",
  );
  process.send?.({ type: "ready", metricsPort: metrics?.port ?? null });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, timeoutMs: env.WORKER_SHUTDOWN_TIMEOUT_MS }, "draining");
    await webhooks.stop();
    await metrics?.close();
    await boss.stop({ graceful: true, timeout: env.WORKER_SHUTDOWN_TIMEOUT_MS, close: false });
    // Shadow calls of finished generations are mirrored traffic, best-effort: a short wait lets
    // those about to answer be stored before the pool closes, never holding the stop for long.
    await Promise.race([
      settleGenerationShadows(),
      new Promise((resolve) => setTimeout(resolve, Math.min(5_000, env.WORKER_SHUTDOWN_TIMEOUT_MS)).unref()),
    ]);
    await closeDb();
    await stopTracing();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

/**
 * Every idle poll is a query. Interactive queues are polled every 0.5 s by each of their
 * WORKER_CONCURRENCY slots, and while a backlog is ready a slot that finishes a job fetches the
 * next at once instead of waiting out the poll (pg-boss burst: without it a slot took at most
 * one job per 0.5 s). Background queues get one slot polling every 5 s: with all eleven queues
 * at 4 × 0.5 s, an idle worker spent about 5% of a core on polls, and PostgreSQL as much again.
 */
function pollingFor(key: JobKey, concurrency: number): WorkOptions {
  return JOBS[key].interactive
    ? { batchSize: 1, localConcurrency: concurrency, pollingIntervalSeconds: 0.5, burstWhenReadyExceeds: 1 }
    : { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 5 };
}

main().catch((err: unknown) => {
  if (err instanceof EnvError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
