import { sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";

export interface ComponentHealth {
  status: "ok" | "down";
  latencyMs: number;
  detail?: string;
  [key: string]: unknown;
}

export interface Health {
  status: "ok" | "degraded" | "down";
  components: { database: ComponentHealth; queue: ComponentHealth; modelServer: ComponentHealth };
}

async function timed(
  fn: () => Promise<Record<string, unknown> | void>,
  timeoutMs: number,
): Promise<ComponentHealth> {
  const started = performance.now();
  try {
    const extra = await Promise.race([
      fn(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
    return { status: "ok", latencyMs: Math.round(performance.now() - started), ...(extra ?? {}) };
  } catch (err) {
    return {
      status: "down",
      latencyMs: Math.round(performance.now() - started),
      detail: (err as Error).message,
    };
  }
}

/**
 * Database: a round trip. Queue: pg-boss's schema answers, its backlog is counted, and the
 * newest completed job shows when a worker last finished one. Model server: GET /models.
 * The database is required ("down" without it); the others only degrade.
 */
export async function checkHealth(): Promise<Health> {
  const env = getEnv();
  const [database, queue, modelServer] = await Promise.all([
    timed(async () => {
      await db().execute(sql`select 1`);
    }, 2000),
    timed(async () => {
      const rows = await db().execute<{ queued: number; active: number; last_completed: string | null }>(sql`
        select
          (select count(*)::int from pgboss.job where state in ('created', 'retry')) as queued,
          (select count(*)::int from pgboss.job where state = 'active') as active,
          (select max(completed_on)::text from pgboss.job where state = 'completed') as last_completed`);
      const row = rows[0];
      return {
        queued: row?.queued ?? 0,
        active: row?.active ?? 0,
        lastCompletedJobAt: row?.last_completed ?? null,
      };
    }, 2000),
    timed(async () => {
      const res = await fetch(`${env.MODEL_BASE_URL}/models`, { signal: AbortSignal.timeout(2000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = (await res.json()) as { data?: { id: string }[] };
      return { models: (body.data ?? []).map((m) => m.id) };
    }, 2500),
  ]);
  const status =
    database.status === "down"
      ? "down"
      : queue.status === "ok" && modelServer.status === "ok"
        ? "ok"
        : "degraded";
  return { status, components: { database, queue, modelServer } };
}
