/**
 * A generation whose job dies on its last attempt together with its worker: pg-boss's supervisor
 * fails the job (its heartbeat lapsed) into the dead-letter queue, and no processor is left to
 * end the generation. A real worker process (`npm run workers`) ends it as failed, with the
 * reason, on its own schedule; no one retries anything. Afterwards the dead job is still listed
 * on Admin → Jobs, and sending it back is refused: an ended generation is final.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generations } from "@/db/schema";
import type { UserPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { failDeadGenerations } from "@/lib/generation/fail-dead-generations";
import { eventsOf } from "@/lib/generation/generation-events";
import { getGenerationView } from "@/lib/generation/generation-view";
import { JOBS } from "@/lib/jobs/contracts";
import { listDeadJobs } from "@/lib/jobs/list-dead-jobs";
import { retryDeadJobs } from "@/lib/jobs/retry-dead-jobs";
import { getSender, sendJob, stopSender } from "@/lib/jobs/send-job";
import { listTemplates } from "@/lib/templates/versions/list-templates";
import { seedStarterTemplates } from "@/lib/templates/versions/seed-starter-templates";
import { createBrand, createUser, signedIn } from "@/test/factories";
import { spawnEntry, waitFor, type Spawned } from "@/test/spawn";

const ATTEMPTS = (JOBS.runGeneration.queue.retryLimit ?? 0) + 1;

let brandId: string;
let admin: UserPrincipal;
let templateVersionId: string;
const workers: Spawned[] = [];

beforeAll(async () => {
  brandId = (await createBrand("Dead generations")).id;
  admin = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
  await seedStarterTemplates(db(), brandId, admin.user.id);
  templateVersionId = (await listTemplates(admin, brandId))[0]!.versions[0]!.versionId;
});
afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
  await Promise.all(workers.map((w) => w.exited));
  await stopSender();
});

/**
 * A running generation and its job as a worker SIGKILLed during the last attempt leaves them:
 * active, retries used up, last heartbeat a minute ago. The job is sent unfetchable (an hour
 * out) and then marked taken, so no worker of another test file can run it first.
 */
async function generationWhoseWorkerDied(): Promise<{ generationId: string; jobId: string }> {
  const [gen] = await db()
    .insert(generations)
    .values({
      brandId,
      createdBy: admin.user.id,
      templateVersionId,
      brief: { summary: "Rain jackets for a worker that dies", slots: {} },
      status: "running",
    })
    .returning({ id: generations.id });
  const actor = { kind: "user" as const, userId: admin.user.id, brandId };
  const jobId = await sendJob("runGeneration", { actor, generationId: gen!.id }, { startAfter: 3600 });
  await db().execute(sql`
    update pgboss.job set state = 'active', retry_count = retry_limit, started_on = now() - interval '1 minute',
      heartbeat_on = now() - interval '1 minute'
    where name = ${JOBS.runGeneration.name} and id = ${jobId}`);
  return { generationId: gen!.id, jobId };
}

describe("a generation whose job died on its last attempt", () => {
  it("ends failed with the reason, with no one acting, and retrying its dead job is refused", async () => {
    const { generationId } = await generationWhoseWorkerDied();

    const worker = spawnEntry("workers/index.ts", { LOG_LEVEL: "warn" });
    workers.push(worker);
    await worker.ready;
    // The worker's supervisor fails the job (heartbeat lapsed) into the dead-letter queue, and its
    // every-minute sweep ends the generation.
    const row = await waitFor(
      async () => {
        const [g] = await db().select().from(generations).where(eq(generations.id, generationId));
        return g?.status === "failed" && g;
      },
      150_000,
      "the generation to end failed",
    );
    const reasons = (row.outcome as { reasons: string[] }).reasons;
    expect(reasons).toEqual([
      `The generation job failed all ${ATTEMPTS} attempts and was given up (last error: job heartbeat timeout)`,
    ]);
    // What the API and its event stream say: a terminal `failed` event carrying the reason.
    const view = await getGenerationView(admin, brandId, generationId);
    expect(view.errors).toEqual(reasons);
    expect(eventsOf(view).at(-1)).toMatchObject({ event: "failed" });

    // Admin → Jobs still lists the dead job, with the reason a retry would be refused.
    const dead = (await listDeadJobs(admin, brandId)).filter((d) => d.data.generationId === generationId);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({
      queue: JOBS.runGeneration.name,
      attempts: ATTEMPTS,
      error: "job heartbeat timeout",
      refusal: expect.stringContaining("already ended as failed") as unknown,
    });
    await expect(retryDeadJobs(admin, { brandId, ids: [dead[0]!.id] })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("already ended as failed") as unknown,
    });
    expect(await listDeadJobs(admin, brandId)).toHaveLength(1);

    // The sweep is idempotent: a second pass changes nothing.
    expect(await failDeadGenerations({ actor: { kind: "system" } })).toEqual({ failed: 0 });
    const [again] = await db().select().from(generations).where(eq(generations.id, generationId));
    expect(again!.outcome).toEqual(row.outcome);
    // Other test files' jobs it holds finish in the drain.
    worker.child.kill("SIGTERM");
    await worker.exited;
  }, 180_000);

  it("is a system job: a user's job may not run the sweep", async () => {
    await expect(
      failDeadGenerations({ actor: { kind: "user", userId: admin.user.id, brandId } }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("still sends back a dead job whose generation has not ended", async () => {
    const generationId = randomUUID();
    const actor = { kind: "user" as const, userId: admin.user.id, brandId };
    const jobId = await sendJob("runGeneration", { actor, generationId }, { startAfter: 3600 });
    // Failed for good by its worker (the generation did not exist yet): straight to the dead letters.
    await db().execute(sql`
      update pgboss.job set retry_count = retry_limit where name = ${JOBS.runGeneration.name} and id = ${jobId}`);
    await (await getSender()).fail(JOBS.runGeneration.name, jobId, { message: "No such generation" });
    const dead = (await listDeadJobs(admin, brandId)).find((d) => d.data.generationId === generationId);
    expect(dead).toMatchObject({ error: "No such generation", refusal: null });
    expect(await retryDeadJobs(admin, { brandId, ids: [dead!.id] })).toEqual({ retried: 1, refused: [] });
    // Back in its queue as a new job (another test file's worker may already hold it: any state).
    const back = await db().execute<{ id: string }>(sql`
      delete from pgboss.job where name = ${JOBS.runGeneration.name} and source_root_id = ${jobId}
      returning id`);
    expect(back).toHaveLength(1);
  });
});
