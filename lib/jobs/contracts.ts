/**
 * Jobs are versioned contracts: a name (with its version), a zod payload, and the queue's
 * retry policy. Senders validate against the schema before a job is stored; processors
 * validate again before they run, so a malformed job fails loudly instead of half-running.
 */
import { z } from "zod";
import type { QueueOptions } from "pg-boss";
import { principalRef } from "@/lib/auth/principal";
import { traceparentSchema } from "@/lib/tracing/trace-context";

/**
 * Every payload may carry the W3C trace context of the code that queued it (sendJob adds it
 * when a trace is active), so the job's spans join that trace. Optional: payloads queued
 * before it existed, by a schedule, or with tracing off validate without it.
 */
const traceContext = {
  traceparent: traceparentSchema.optional(),
  tracestate: z.string().max(512).optional(),
};

export interface JobContract<S extends z.ZodType> {
  name: string;
  schema: S;
  queue: QueueOptions;
  /**
   * Someone is waiting for these jobs (a generation, a webhook, a health probe): workers take
   * them WORKER_CONCURRENCY at a time and poll often. Other queues are background work, taken
   * one at a time on a slower poll (workers/index.ts).
   */
  interactive?: true;
}

function defineJob<S extends z.ZodType>(contract: JobContract<S>): JobContract<S> {
  return contract;
}

export const JOBS = {
  queueProbe: defineJob({
    name: "system.queue-probe.v1",
    schema: z.object({
      ...traceContext,
      actor: principalRef,
      marker: z.string().min(1).max(200),
      /** How long the probe holds the job before recording it: lets tests stop a worker mid-job. */
      holdMs: z.number().int().min(0).max(120_000).default(0),
    }),
    queue: { retryLimit: 5, retryDelay: 1, retryBackoff: true, expireInSeconds: 150, heartbeatSeconds: 10 },
    interactive: true,
  }),
  pruneAuthRecords: defineJob({
    name: "maintenance.prune-auth-records.v1",
    schema: z.object({
      ...traceContext,
      actor: principalRef,
    }),
    queue: { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
  }),
  pruneApiRecords: defineJob({
    name: "maintenance.prune-api-records.v1",
    schema: z.object({
      ...traceContext,
      actor: principalRef,
    }),
    queue: { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
  }),
  trainPersonalisation: defineJob({
    name: "personalisation.train.v1",
    schema: z.object({
      ...traceContext,
      actor: principalRef,
      brandId: z.string().uuid(),
      /** A personalisation model of that brand; the trained version is added to it. */
      modelId: z.string().uuid(),
      windowStart: z.coerce.date(),
      windowEnd: z.coerce.date(),
      seed: z.string().min(1).max(100).default("brandgate"),
    }),
    queue: { retryLimit: 2, retryDelay: 60, retryBackoff: true, expireInSeconds: 1800 },
  }),
  evaluateModelVersion: defineJob({
    name: "models.evaluate.v1",
    schema: z.object({
      ...traceContext,
      actor: principalRef,
      evaluationId: z.string().uuid(),
    }),
    // Retries are safe: a finished evaluation is returned as it is, and a run that died
    // mid-way is claimed again only once its lease (started_at) has gone stale.
    queue: { retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 1800 },
  }),
  retrainDue: defineJob({
    name: "personalisation.retrain-due.v1",
    schema: z.object({
      ...traceContext,
      actor: principalRef,
    }),
    queue: { retryLimit: 1, retryDelay: 60, expireInSeconds: 300 },
  }),
  runGeneration: defineJob({
    name: "generation.run.v1",
    schema: z.object({
      ...traceContext,
      actor: principalRef,
      generationId: z.string().uuid(),
    }),
    // Retries are safe: a finished generation is left alone, and storing the content and
    // finishing the generation happen in one transaction. The heartbeat hands a job whose
    // worker died back to the queue within ~20 s rather than after expireInSeconds.
    queue: { retryLimit: 3, retryDelay: 2, retryBackoff: true, expireInSeconds: 300, heartbeatSeconds: 10 },
    interactive: true,
  }),
  failDeadGenerations: defineJob({
    name: "generation.fail-dead.v1",
    schema: z.object({
      ...traceContext,
      actor: principalRef,
    }),
    // Every minute (workers/index.ts). Safe to retry: a generation already final is left alone.
    queue: { retryLimit: 1, retryDelay: 10, expireInSeconds: 120 },
  }),
  detectDrift: defineJob({
    name: "drift.detect.v1",
    schema: z.object({
      ...traceContext,
      actor: principalRef,
      /** One brand; every brand when absent (the hourly schedule). */
      brandId: z.string().uuid().optional(),
      /** The moment to compare for, floored to the hour; now when absent. */
      asOf: z.coerce.date().optional(),
      currentHours: z.number().int().min(1).max(168).default(24),
      referenceDays: z.number().int().min(1).max(90).default(7),
    }),
    // Retries are safe: checks are keyed by brand, signal and window, alerts by open signal.
    queue: { retryLimit: 2, retryDelay: 60, retryBackoff: true, expireInSeconds: 900 },
  }),
  deliverWebhook: defineJob({
    name: "webhooks.deliver.v1",
    schema: z.object({
      ...traceContext,
      deliveryId: z.string().uuid(),
    }),
    // A nudge to attempt a delivery now (after a redelivery); the dispatcher finds due rows
    // without it. HTTP failures are not job failures: the delivery row keeps its own attempts
    // and backoff. A job fails only when the database does.
    queue: { retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds: 120, heartbeatSeconds: 10 },
    interactive: true,
  }),
  analyseRollouts: defineJob({
    name: "rollout.analyse.v1",
    schema: z.object({
      ...traceContext,
      actor: principalRef,
      /** One rollout; without it, every active rollout that is due. */
      rolloutId: z.string().uuid().optional(),
    }),
    // Safe to retry: a look happens at most once per rollout interval, under the rollout's row lock.
    queue: { retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInSeconds: 300 },
  }),
  emailNotification: defineJob({
    name: "notifications.email.v1",
    schema: z.object({
      ...traceContext,
      notificationId: z.string().uuid(),
    }),
    // Queued in the transaction that stores the notification (sendJobIn). Retried with backoff
    // while the SMTP server is down; a sent email is marked (emailedAt) and never sent again,
    // so only a crash between the server's acceptance and that mark can send one twice.
    queue: { retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
  }),
  notifySlaDue: defineJob({
    name: "notifications.sla-due.v1",
    schema: z.object({
      ...traceContext,
      actor: principalRef,
    }),
    // Every five minutes (workers/index.ts). Safe to retry: each warning is unique per user,
    // item, stage and stage entry (notifications.dedupe_key).
    queue: { retryLimit: 1, retryDelay: 30, expireInSeconds: 240 },
  }),
} as const;

export type JobKey = keyof typeof JOBS;
export type JobPayload<K extends JobKey> = z.input<(typeof JOBS)[K]["schema"]>;
export type ParsedJobPayload<K extends JobKey> = z.output<(typeof JOBS)[K]["schema"]>;
