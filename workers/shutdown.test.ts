/**
 * SIGTERM during a running job: the job either finishes during the drain, or (when the drain
 * times out) goes back to the queue and a later worker finishes it. It is never lost.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { queueProbes } from "@/db/schema";
import { db } from "@/lib/db";
import { checkHealth } from "@/lib/health/check-health";
import { sendJob, stopSender } from "@/lib/jobs/send-job";
import { spawnEntry, waitFor, type Spawned } from "@/test/spawn";

const started: Spawned[] = [];
afterAll(async () => {
  for (const w of started) if (w.child.exitCode === null) w.child.kill("SIGKILL");
  await stopSender();
});

function startWorker(shutdownTimeoutMs: number) {
  const worker = spawnEntry("workers/index.ts", {
    WORKER_SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
    LOG_LEVEL: "info",
  });
  started.push(worker);
  return worker;
}

async function jobState(id: string): Promise<string | undefined> {
  const rows = await db().execute<{ state: string }>(sql`select state from pgboss.job where id = ${id}`);
  return rows[0]?.state;
}

async function probe(marker: string) {
  const [row] = await db().select().from(queueProbes).where(eq(queueProbes.marker, marker));
  return row;
}

describe("worker shutdown", () => {
  it("finishes a running job before exiting on SIGTERM", async () => {
    const worker = startWorker(20_000);
    await worker.ready;
    const marker = randomUUID();
    const id = await sendJob("queueProbe", { actor: { kind: "system" }, marker, holdMs: 2500 });
    await waitFor(async () => (await jobState(id)) === "active", 15_000, "the job to start");
    worker.child.kill("SIGTERM");
    const exit = await worker.exited;
    expect(exit.code).toBe(0);
    expect(await jobState(id)).toBe("completed");
    expect((await probe(marker))?.workerPid).toBe(worker.child.pid);
    // Health shows that a worker finished a job.
    const health = await checkHealth();
    expect(health.components.queue).toMatchObject({ status: "ok" });
    expect(health.components.queue.lastCompletedJobAt).not.toBeNull();
  }, 60_000);

  it("hands a job that outlives the drain back to the queue, where another worker finishes it", async () => {
    const first = startWorker(1000);
    await first.ready;
    const marker = randomUUID();
    const id = await sendJob("queueProbe", { actor: { kind: "system" }, marker, holdMs: 6000 });
    await waitFor(async () => (await jobState(id)) === "active", 15_000, "the job to start");
    first.child.kill("SIGTERM");
    expect((await first.exited).code).toBe(0);
    expect(await probe(marker)).toBeUndefined();
    expect(await jobState(id)).toBe("retry");

    const second = startWorker(20_000);
    await second.ready;
    const row = await waitFor(() => probe(marker), 30_000, "the retried job to finish");
    expect(row.workerPid).toBe(second.child.pid);
    // The handler writes its probe row before pg-boss records the completion: wait for both.
    await waitFor(async () => (await jobState(id)) === "completed", 15_000, "the job to be completed");
    second.child.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
  }, 90_000);

  it("refuses a job whose payload breaks its contract before it is stored", async () => {
    await expect(
      sendJob("queueProbe", { actor: { kind: "system" }, marker: "", holdMs: -1 } as never),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });
});
