/**
 * What one scrape of /api/metrics costs the database: the state read (queues, review, rollouts,
 * webhooks) against a pg-boss job table holding a retained history and a backlog. Prints the
 * median and p95 of the read and of a whole scrape (read + text), and the job query's plan.
 *
 *   node --import tsx bench/metrics-scrape.ts [completed=200000] [queued=5000] [dead=200]
 *
 * A scratch database is created on BENCH_PG_URL and dropped at the end.
 */
import { createScratchDatabase } from "./scratch-database";

const COMPLETED = Number(process.argv[2] ?? 200_000);
const QUEUED = Number(process.argv[3] ?? 5_000);
const DEAD = Number(process.argv[4] ?? 200);
const ROUNDS = 30;

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

async function main() {
  const scratch = await createScratchDatabase("metrics");
  try {
    await scratch.migrate();
    const { db, closeDb } = await import("@/lib/db");
    const { createBoss, ensureQueues, DEAD_LETTER_QUEUE } = await import("@/lib/jobs/boss");
    const { JOBS } = await import("@/lib/jobs/contracts");
    const { readJobState } = await import("@/lib/monitoring/read-job-state");
    const { refreshStateMetrics, expireStateMetrics } =
      await import("@/lib/monitoring/refresh-state-metrics");
    const { registry } = await import("@/lib/metrics/registry");
    const { sql } = await import("drizzle-orm");
    const boss = createBoss(db(), { supervise: false });
    await boss.start();
    await ensureQueues(boss);
    await boss.stop({ graceful: false, close: false });
    const queues = Object.values(JOBS).map((j) => j.name);
    const insert = (n: number, state: string, name: string | null) =>
      db().execute(sql`
        insert into pgboss.job (name, data, state, completed_on, source_name)
        select coalesce(${name}, (${sql.raw(`array[${queues.map((q) => `'${q}'`).join(",")}]`)})[1 + i % ${queues.length}]),
          '{}'::jsonb, ${state}::pgboss.job_state,
          case when ${state} = 'completed' then now() end,
          case when ${name}::text is not null then 'generation.run.v1' end
        from generate_series(1, ${n}) i`);
    await insert(COMPLETED, "completed", null);
    await insert(QUEUED, "created", null);
    await insert(DEAD, "created", DEAD_LETTER_QUEUE);
    await db().execute(sql`analyze pgboss.job`);

    const time = async (fn: () => Promise<unknown>) => {
      const ms: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const t = performance.now();
        await fn();
        ms.push(performance.now() - t);
      }
      return `median ${quantile(ms, 0.5).toFixed(2)} ms, p95 ${quantile(ms, 0.95).toFixed(2)} ms`;
    };
    console.log(`pgboss.job: ${COMPLETED} completed, ${QUEUED} queued, ${DEAD} dead`);
    console.log(`job state read:       ${await time(readJobState)}`);
    console.log(
      `whole scrape, no cache: ${await time(async () => {
        expireStateMetrics();
        await refreshStateMetrics();
        await registry.metrics();
      })}`,
    );
    console.log(
      `whole scrape, cached:   ${await time(async () => {
        await refreshStateMetrics();
        await registry.metrics();
      })}`,
    );
    await closeDb();
  } finally {
    await scratch.drop();
  }
}

void main();
