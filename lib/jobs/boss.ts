import { PgBoss } from "pg-boss";
import type { Database } from "@/db/client";
import { JOBS } from "./contracts";

/**
 * pg-boss on the application's own postgres.js pool, so jobs and domain writes share one
 * driver and one set of connections. pg-boss sends multi-statement scripts (its schema
 * migrations) without parameters: those go over the simple protocol, the rest are prepared.
 */
export function createBoss(database: Database, options: { supervise: boolean }): PgBoss {
  const client = database.$client;
  return new PgBoss({
    db: {
      async executeSql(text: string, values?: unknown[]) {
        if (values && values.length > 0)
          return { rows: [...(await client.unsafe(text, values.map(asParam) as never[]))] };
        // Scripts that open their own transaction must own one connection while they run:
        // postgres.js refuses BEGIN on a shared pool connection.
        if (/\bBEGIN\b/i.test(text)) {
          const conn = await client.reserve();
          try {
            return { rows: flatten(await conn.unsafe(text).simple()) };
          } finally {
            conn.release();
          }
        }
        return { rows: flatten(await client.unsafe(text).simple()) };
      },
      // LISTEN for pg-boss's notifier (useListenNotify below): postgres.js holds one extra
      // connection for it and re-subscribes after a reconnect, calling onReconnect each time so
      // pg-boss fetches whatever was sent while it was deaf.
      async listen(channel: string, onNotification: (payload: string) => void, onReconnect: () => void) {
        const { unlisten } = await client.listen(channel, onNotification, onReconnect);
        return { close: unlisten };
      },
    },
    // Workers wake on a NOTIFY that the job's INSERT sends in its own transaction (every queue
    // has `notify: true`, ensureQueues), instead of polling every half second: polling stays as a
    // slow backstop (workers/index.ts). Only workers listen; senders only NOTIFY.
    useListenNotify: options.supervise,
    schema: "pgboss",
    supervise: options.supervise,
    schedule: options.supervise,
    // The pass that fails jobs whose worker died (no heartbeat) and expires overdue ones: every
    // 10 s instead of every minute, so a killed worker's jobs are retried within ~20 s.
    // About eight small statements a pass; at 10 s that is most of what an idle worker still
    // sends (bench:idle), and the price of retrying a killed worker's jobs within ~20 s.
    superviseIntervalSeconds: 10,
    // Queue statistics (counts by state): nothing here reads them any more — slots fetch back to
    // back on their own (workers/index.ts) — so pg-boss's default, once a minute.
    monitorIntervalSeconds: 60,
    // The workers' copy of each queue's settings, `notify` among them: a queue switched to notify
    // (ensureQueues, at start) is waited on by NOTIFY from the next refresh, every 15 s.
    ...(options.supervise ? { queueCacheIntervalSeconds: 15 } : {}),
    migrate: true,
  });
}

/** Like node-postgres, which pg-boss was written for: plain objects travel as JSON text. */
function asParam(value: unknown): unknown {
  if (
    value === null ||
    typeof value !== "object" ||
    value instanceof Date ||
    Buffer.isBuffer(value) ||
    Array.isArray(value)
  ) {
    return value;
  }
  return JSON.stringify(value);
}

/** A multi-statement script answers one result per statement; pg-boss wants the last rows. */
function flatten(result: unknown): unknown[] {
  if (!Array.isArray(result)) return [];
  const last =
    result.length > 0 && Array.isArray(result[result.length - 1]) ? result[result.length - 1] : result;
  return [...(last as unknown[])];
}

/**
 * Where every queue's jobs land after their last attempt fails: one queue, no worker. Each
 * dead job keeps its payload and its source queue, so an admin can look at it and send it
 * back (lib/jobs/retry-dead-jobs.ts).
 */
export const DEAD_LETTER_QUEUE = "system.dead-letter.v1";

/** Creates every contract's queue, or brings its retry policy up to date. */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  // Dead jobs wait for a person: kept a month, never expired by a worker (there is none).
  if (!existing.has(DEAD_LETTER_QUEUE))
    await boss.createQueue(DEAD_LETTER_QUEUE, {
      retentionSeconds: 30 * 86_400,
      deleteAfterSeconds: 30 * 86_400,
    });
  for (const job of Object.values(JOBS)) {
    // notify: a job's INSERT also NOTIFYs, so idle workers wake at once (createBoss).
    const options = { ...job.queue, deadLetter: DEAD_LETTER_QUEUE, notify: true };
    if (existing.has(job.name)) await boss.updateQueue(job.name, options);
    else await boss.createQueue(job.name, options);
  }
}
