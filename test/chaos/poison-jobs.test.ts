/**
 * Issue 10, item 2. Jobs that always fail: generation jobs whose generation does not exist.
 * Each one is attempted exactly retryLimit + 1 times, then lands in the dead-letter queue,
 * where the brand's admin sees it (listDeadJobs, the admin Jobs page) and, once the cause is
 * fixed, sends it back (retryDeadJobs) and it runs to the end.
 */
import { randomUUID } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { generations } from "@/db/schema";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { DEAD_LETTER_QUEUE } from "@/lib/jobs/boss";
import { JOBS } from "@/lib/jobs/contracts";
import { listDeadJobs } from "@/lib/jobs/list-dead-jobs";
import { retryDeadJobs } from "@/lib/jobs/retry-dead-jobs";
import { sendJob, stopSender } from "@/lib/jobs/send-job";
import { createUser, signedIn } from "@/test/factories";
import { waitFor } from "@/test/spawn";
import {
  createReadyBrand,
  jobStates,
  seconds,
  startBuiltinModel,
  workerFleet,
  workerLog,
} from "./support/world";

const POISON = 100;
const ATTEMPTS = (JOBS.runGeneration.queue.retryLimit ?? 0) + 1;

const model = await startBuiltinModel();
const fleet = workerFleet({ MODEL_BASE_URL: model.baseUrl, WORKER_CONCURRENCY: "8" });
afterAll(async () => {
  await fleet.killAll();
  await stopSender();
  await model.close();
});

describe("poison jobs", () => {
  it("dead-letters each after exactly its attempts; an admin sees them and retries them", async () => {
    process.env.MODEL_BASE_URL = model.baseUrl;
    resetEnvCache();
    const brand = await createReadyBrand();
    const other = await createReadyBrand("Other brand");
    const actor = { kind: "user" as const, userId: brand.admin.user.id, brandId: brand.brandId };
    const workers = [fleet.start(), fleet.start()];
    await Promise.all(workers.map((w) => w.ready));

    const ids = Array.from({ length: POISON }, () => randomUUID());
    const jobIds = new Set<string>();
    const sentAt = Date.now();
    for (const generationId of ids) jobIds.add(await sendJob("runGeneration", { actor, generationId }));

    const dead = await waitFor(
      async () => {
        const list = await listDeadJobs(brand.admin, brand.brandId, { limit: 1000 });
        return list.length === POISON && list;
      },
      90_000,
      "every poison job in the dead-letter queue",
    );
    const deadMs = Date.now() - sentAt;
    await Promise.all(workers.map((w) => (w.child.kill("SIGTERM"), w.exited)));

    // Attempts as the workers saw them: one "job failed" line per attempt, per job.
    const perJob = new Map<string, number>();
    for (const line of workerLog(fleet))
      if (line.msg === "job failed" && line.job && jobIds.has(line.job))
        perJob.set(line.job, (perJob.get(line.job) ?? 0) + 1);
    const attemptCounts = [...perJob.values()];
    const states = await jobStates(JOBS.runGeneration.name, jobIds);

    expect(dead.every((d) => d.queue === JOBS.runGeneration.name && d.attempts === ATTEMPTS)).toBe(true);
    expect(dead.every((d) => d.error?.includes("No such generation"))).toBe(true);
    expect(perJob.size).toBe(POISON);
    expect(attemptCounts.every((n) => n === ATTEMPTS)).toBe(true);
    expect(states).toMatchObject({ failed: POISON });

    // Another brand's admin sees none of them and cannot send them back; a marketer may not look.
    expect(await listDeadJobs(other.admin, other.brandId)).toEqual([]);
    expect(await retryDeadJobs(other.admin, { brandId: other.brandId, ids: dead.map((d) => d.id) })).toEqual({
      retried: 0,
      refused: [],
    });
    const marketer = (await (await signedIn((await createUser(brand.brandId, "marketer")).id)).session())!;
    await expect(listDeadJobs(marketer, brand.brandId)).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      retryDeadJobs(marketer, { brandId: brand.brandId, ids: [dead[0]!.id] }),
    ).rejects.toMatchObject({ code: "forbidden" });

    // The cause is fixed (the generations now exist); the admin retries them and they finish.
    await db()
      .insert(generations)
      .values(
        ids.map((id, n) => ({
          id,
          brandId: brand.brandId,
          createdBy: brand.admin.user.id,
          templateVersionId: brand.templateVersionId,
          brief: { summary: `Recovered brief ${n}`, slots: {} },
        })),
      );
    const { retried } = await retryDeadJobs(brand.admin, {
      brandId: brand.brandId,
      ids: dead.map((d) => d.id),
    });
    expect(retried).toBe(POISON);
    expect(await listDeadJobs(brand.admin, brand.brandId)).toEqual([]);
    const again = await retryDeadJobs(brand.admin, { brandId: brand.brandId, ids: dead.map((d) => d.id) });
    expect(again).toEqual({ retried: 0, refused: [] });

    const retryAt = Date.now();
    const rerun = fleet.start({ WORKER_CONCURRENCY: "8" });
    await rerun.ready;
    await waitFor(
      async () => {
        const rows = await db()
          .select({ n: sql<number>`count(*)::int` })
          .from(generations)
          .where(inArray(generations.id, ids));
        const open = await db()
          .select({ n: sql<number>`count(*)::int` })
          .from(generations)
          .where(sql`${inArray(generations.id, ids)} and ${generations.status} in ('queued', 'running')`);
        return rows[0]!.n === POISON && open[0]!.n === 0;
      },
      120_000,
      "the retried generations to finish",
    );
    const retriedMs = Date.now() - retryAt;
    rerun.child.kill("SIGTERM");
    await rerun.exited;
    const outcomes = await db()
      .select({ status: generations.status, n: sql<number>`count(*)::int` })
      .from(generations)
      .where(inArray(generations.id, ids))
      .groupBy(generations.status);
    const deadLeft = await jobStates(DEAD_LETTER_QUEUE);

    console.log(
      `[chaos] poison-jobs: ${POISON} poison jobs, attempts each=${[...new Set(attemptCounts)].join(",")} ` +
        `(policy retryLimit ${ATTEMPTS - 1} → ${ATTEMPTS}), all dead-lettered in ${seconds(deadMs)}s, ` +
        `retried from the admin lib=${retried}, after retry outcomes=${JSON.stringify(
          Object.fromEntries(outcomes.map((o) => [o.status, o.n])),
        )} in ${seconds(retriedMs)}s, dead-letter states=${JSON.stringify(deadLeft)}`,
    );
    expect(outcomes.filter((o) => o.status === "failed")).toEqual([]);
  });
});
