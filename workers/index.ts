/**
 * The worker process (`npm run workers`). Any number may run against one database.
 * SIGTERM drains: no new jobs are taken, running jobs get WORKER_SHUTDOWN_TIMEOUT_MS to
 * finish, and any still running after that are failed back to the queue for a retry.
 */
import os from "node:os";
import type { PgBoss, WorkOptions } from "pg-boss";
import { getEnv, EnvError } from "@/lib/env";
import { closeDb, db } from "@/lib/db";
import { createBoss, ensureQueues } from "@/lib/jobs/boss";
import { JOBS } from "@/lib/jobs/contracts";
import { logger } from "@/lib/log";
import { startTracing, stopTracing } from "@/lib/tracing/start-tracing";
import { jobStarted, observeJob } from "@/lib/metrics/jobs";
import { startMetricsServer } from "./metrics-server";
import { settleGenerationShadows } from "@/lib/generation/start-generation-shadow";
import { processors } from "./processors";
import { closeMailer } from "@/lib/notifications/mailer";
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

  // One pg-boss worker per slot, so each slot can be woken by its own id (boss.notifyWorker).
  for (const processor of processors) {
    const { interactive, queue } = JOBS[processor.key];
    const slots: string[] = [];
    const count = interactive ? env.WORKER_CONCURRENCY : 1;
    for (let slot = 0; slot < count; slot++) {
      const id = await boss.work(processor.name, polling(interactive === true, slot), async ([job]) => {
        if (!job) return;
        const started = Date.now();
        jobStarted(job.name);
        // A slot that got a job looks for the next one as soon as it is done, and wakes the
        // next slot to look now: a backlog nobody was notified of (jobs handed back, retries)
        // spreads to every slot within a few fetches, and the first empty fetch sends a slot
        // back to waiting for a NOTIFY.
        boss.notifyWorker(slots[slot]!);
        if (count > 1) boss.notifyWorker(slots[(slot + 1) % count]!);
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
          wakeForRetry(boss, slots[slot]!, queue, job.retryCount);
          throw err;
        }
      });
      slots.push(id);
    }
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
  // Every five minutes: the shortest SLA is an hour, so a warning comes at most five minutes late.
  await boss.schedule(JOBS.notifySlaDue.name, "*/5 * * * *", { actor: { kind: "system" } });
  const webhooks = await startWebhookDispatcher(
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
    closeMailer();
    await closeDb();
    await stopTracing();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

/**
 * A retry is not NOTIFYed (pg-boss notifies only jobs runnable at once), so after a job fails
 * here the queue's worker is woken when its retry becomes due: pg-boss sets the retry
 * `retryDelay` seconds later, or with backoff a random time in [d·2ⁿ, d·2ⁿ⁺¹] (n = retries so
 * far), so it is woken at both ends of that window. A retry made elsewhere (a dead worker's job
 * failed by the supervisor) waits for the backstop poll.
 */
function wakeForRetry(
  boss: PgBoss,
  workerId: string,
  queue: { retryLimit?: number; retryDelay?: number; retryBackoff?: boolean },
  retries: number,
): void {
  if (retries >= (queue.retryLimit ?? 0)) return;
  const delay = Math.max(queue.retryDelay ?? 0, queue.retryBackoff ? 1 : 0);
  const due = queue.retryBackoff ? [delay * 2 ** retries, delay * 2 ** (retries + 1)] : [delay];
  for (const seconds of due) setTimeout(() => boss.notifyWorker(workerId), seconds * 1000 + 50).unref();
}

/**
 * Every idle poll is a query. A new job wakes its queue's workers by NOTIFY (lib/jobs/boss.ts),
 * and a slot that ran a job fetches again at once (above), so while the listener is up polling
 * is only the backstop for what is not notified — a retry that fell due elsewhere, a job handed
 * back by a stopping or dead worker (the supervisor's pass, every 10 s, fails it back), a job
 * sent with startAfter: every 10 s for an interactive queue's first slot (such a job waits at
 * most that long), every 30 s for a background queue. Idle, that is about half a fetch a
 * second, against 26 when every slot polled every 0.5 s (bench/README.md, bench:idle).
 * Without the listener (it failed, or is reconnecting) the old polls apply: interactive slots
 * every 0.5 s, background ones every 5 s.
 */
function polling(interactive: boolean, slot: number): WorkOptions {
  if (!interactive) return { batchSize: 1, pollingIntervalSeconds: 5, notifyPollingIntervalSeconds: 30 };
  // The first slot keeps the 10 s backstop; the others wake from it (see the handler) and poll
  // once a minute themselves, in case the first is busy with a long job.
  return { batchSize: 1, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: slot === 0 ? 10 : 60 };
}

main().catch((err: unknown) => {
  if (err instanceof EnvError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
