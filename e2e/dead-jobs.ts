/**
 * Dead jobs for the Admin → Jobs spec, written straight into the running product's database:
 * a job only dies when its workers or its dependencies do, which no page can cause. `npm start`
 * records where its embedded database listens in DATA_DIR (scripts/start.ts); lib is loaded
 * after DATABASE_URL points there.
 */
import fs from "node:fs";
import path from "node:path";

const dataDir = path.resolve(process.env.DATA_DIR ?? ".data/e2e");

async function lib() {
  process.env.DATABASE_URL = fs.readFileSync(path.join(dataDir, "database-url"), "utf8").trim();
  process.env.AUTH_SECRET ??= fs.readFileSync(path.join(dataDir, "auth-secret"), "utf8").trim();
  process.env.LOG_LEVEL ??= "silent";
  const [{ db, closeDb }, { generations, users }, drizzle, { DEAD_LETTER_QUEUE }, { JOBS }, send] =
    await Promise.all([
      import("@/lib/db"),
      import("@/db/schema"),
      import("drizzle-orm"),
      import("@/lib/jobs/boss"),
      import("@/lib/jobs/contracts"),
      import("@/lib/jobs/send-job"),
    ]);
  return { db, closeDb, generations, users, ...drizzle, DEAD_LETTER_QUEUE, JOBS, ...send };
}

type Lib = Awaited<ReturnType<typeof lib>>;

export class DeadJobs {
  private constructor(private readonly l: Lib) {}

  static async open(): Promise<DeadJobs> {
    return new DeadJobs(await lib());
  }

  async close(): Promise<void> {
    await this.l.stopSender();
    await this.l.closeDb();
  }

  async userId(email: string): Promise<string> {
    const { db, users, eq } = this.l;
    const [user] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
    return user!.id;
  }

  /**
   * A running generation whose worker was SIGKILLed during its job's last attempt: the job is
   * active, its retries used up, its last heartbeat a minute old. The product's workers take it
   * from there. Answers the generation's id and its job's.
   */
  async generationWhoseWorkerDied(
    brandId: string,
    userId: string,
  ): Promise<{ generationId: string; jobId: string }> {
    const { db, generations, sql, sendJob, JOBS } = this.l;
    const [version] = await db().execute<{ id: string }>(sql`
      select v.id from template_versions v
      join templates t on t.id = v.template_id
      join template_approvals a on a.template_version_id = v.id
      where t.brand_id = ${brandId} and t.channel = 'social'
      limit 1`);
    const [gen] = await db()
      .insert(generations)
      .values({
        brandId,
        createdBy: userId,
        templateVersionId: version!.id,
        brief: { summary: "Rain jackets for a worker that is about to die", slots: {} },
        status: "running",
      })
      .returning({ id: generations.id });
    const jobId = await sendJob(
      "runGeneration",
      { actor: { kind: "user", userId, brandId }, generationId: gen!.id },
      // Out of reach of every worker until it is marked taken just below.
      { startAfter: 3600 },
    );
    await db().execute(sql`
      update pgboss.job set state = 'active', retry_count = retry_limit,
        started_on = now() - interval '1 minute', heartbeat_on = now() - interval '1 minute'
      where name = ${JOBS.runGeneration.name} and id = ${jobId}`);
    return { generationId: gen!.id, jobId };
  }

  /** A drift check of the brand that failed for good (its one attempt): dead at once. */
  async deadDriftCheck(brandId: string, error: string): Promise<string> {
    const { sendJob, getSender, JOBS } = this.l;
    const jobId = await sendJob(
      "detectDrift",
      { actor: { kind: "system" }, brandId },
      { retryLimit: 0, startAfter: 3600 },
    );
    await (await getSender()).fail(JOBS.detectDrift.name, jobId, { message: error });
    return jobId;
  }

  /** The dead-letter copy of a job, once it is there. */
  async deadCopyOf(jobId: string): Promise<string | null> {
    const { db, sql, DEAD_LETTER_QUEUE } = this.l;
    const [row] = await db().execute<{ id: string }>(
      sql`select id from pgboss.job where name = ${DEAD_LETTER_QUEUE} and source_id = ${jobId}`,
    );
    return row?.id ?? null;
  }

  /** The state of the job an admin sent back in place of `jobId`'s dead copy. */
  async retriedState(queue: string, jobId: string): Promise<string | null> {
    const { db, sql } = this.l;
    const [row] = await db().execute<{ state: string }>(sql`
      select state::text as state from pgboss.job
      where name = ${queue} and source_root_id = ${jobId} order by created_on desc limit 1`);
    return row?.state ?? null;
  }
}
