/**
 * Generation jobs through real worker processes (`workers/index.ts`), as issue 10's
 * workers-killed test runs them: the built-in model on loopback in this process, PostgreSQL,
 * jobs queued by createGenerationFor. Prints jobs/s and CPU ms per job for the workers, this
 * process (the model server and the producer) and the PostgreSQL backends of the run, and what
 * a worker costs to boot (the test replaces a killed worker every 2 s).
 *
 *   node --import tsx bench/generation-jobs.ts [jobs=400] [workers=3] [concurrency=4]
 *
 * A scratch database is created on BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres)
 * and dropped at the end. BENCH_PROFILE=<dir> runs the workers with `--cpu-prof` into <dir>
 * (summarise with `node --import tsx bench/peers/profile-top.ts <file>`).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import postgres from "postgres";

const N = Number(process.argv[2] ?? 400);
const WORKERS = Number(process.argv[3] ?? 3);
const CONCURRENCY = process.argv[4] ?? "4";
const PG = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const TICK = 100; // USER_HZ on Linux: /proc/<pid>/stat counts CPU in 1/100 s.

/** utime + stime of a process, in ms. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICK;
  } catch {
    return 0;
  }
}

async function main() {
  const name = `brandgate_bench_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(PG, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(PG);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  process.env.AUTH_SECRET ??= randomBytes(32).toString("hex");
  process.env.LOG_LEVEL ??= "silent";
  try {
    await run(admin, name);
  } finally {
    const { closeDb } = await import("@/lib/db");
    await closeDb().catch(() => undefined);
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function run(admin: postgres.Sql, database: string) {
  const { listen } = await import("@/lib/http/testing/listen");
  const { createBuiltinModelServer } = await import("@/lib/models/builtin/create-builtin-server");
  const model = await listen(createBuiltinModelServer());
  process.env.MODEL_BASE_URL = model.baseUrl;
  const { resetEnvCache } = await import("@/lib/env");
  resetEnvCache();
  const { prepareDatabase } = await import("@/lib/setup/prepare-database");
  await prepareDatabase(process.env.DATABASE_URL!, { seed: false });
  const { db } = await import("@/lib/db");
  const { generations } = await import("@/db/schema");
  const { sql, eq } = await import("drizzle-orm");
  const { DEMO_KIT } = await import("@/lib/brand/kit");
  const { publishKitVersion } = await import("@/lib/brand/kits/publish-kit-version");
  const { saveKitVersion } = await import("@/lib/brand/kits/save-kit-version");
  const { seedDemoModels } = await import("@/lib/models/seed-demo-models");
  const { listTemplates } = await import("@/lib/templates/versions/list-templates");
  const { seedStarterTemplates } = await import("@/lib/templates/versions/seed-starter-templates");
  const { createGeneration } = await import("@/lib/generation/create-generation");
  const { stopSender } = await import("@/lib/jobs/send-job");
  const { createBrand, createUser, signedIn } = await import("@/test/factories");

  const brandId = (await createBrand("Bench brand")).id;
  const session = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
  const kit = await saveKitVersion(session, { brandId, baseVersion: null, content: DEMO_KIT });
  await publishKitVersion(session, { brandId, versionId: kit.id });
  await seedDemoModels(db(), brandId);
  await seedStarterTemplates(db(), brandId, session.user.id);
  const social = (await listTemplates(session, brandId)).find((t) => t.template.channel === "social")!;

  // Boot: what one worker costs to start, to ready (module load, pg-boss start, queues, schedules).
  const profileDir = process.env.BENCH_PROFILE;
  const bootStart = performance.now();
  const workers = Array.from({ length: WORKERS }, () => startWorker(profileDir));
  await Promise.all(workers.map((w) => w.ready));
  const bootWall = performance.now() - bootStart;
  const bootCpu = workers.map((w) => cpuMs(w.child.pid!));

  // Enqueue everything first (the producer's cost is reported apart), then time the drain.
  const selfBefore = process.cpuUsage();
  const enqueueStart = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < N) {
        const n = next++;
        await createGeneration(session, {
          brandId,
          templateVersionId: social.versions[0]!.versionId,
          brief: { summary: `Rain jacket launch, brief ${n}` },
        });
      }
    }),
  );
  const enqueueMs = performance.now() - enqueueStart;
  const enqueueCpu = process.cpuUsage(selfBefore);

  const backends = async () =>
    (await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${database}`).map(
      (r) => r.pid,
    );
  const pgBefore = new Map((await backends()).map((pid) => [pid, cpuMs(pid)]));
  const workersBefore = workers.map((w) => cpuMs(w.child.pid!));
  const selfDrainBefore = process.cpuUsage();
  const drainStart = performance.now();
  for (;;) {
    const [open] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(generations)
      .where(sql`${generations.brandId} = ${brandId} and ${generations.status} in ('queued', 'running')`);
    if (open!.n === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const drainMs = performance.now() - drainStart;
  const selfDrain = process.cpuUsage(selfDrainBefore);
  const workersCpu = workers.map((w, i) => cpuMs(w.child.pid!) - workersBefore[i]!);
  let pgCpu = 0;
  for (const pid of await backends()) pgCpu += cpuMs(pid) - (pgBefore.get(pid) ?? 0);

  const outcomes = await db()
    .select({ status: generations.status, n: sql<number>`count(*)::int` })
    .from(generations)
    .where(eq(generations.brandId, brandId))
    .groupBy(generations.status);
  const steps = await db().execute<{ name: string; n: number; mean: number }>(sql`
    select s->>'name' as name, count(*)::int as n, avg((s->>'ms')::numeric)::float as mean
    from generations, jsonb_array_elements(steps) s where brand_id = ${brandId}
    group by 1 order by 3 desc`);

  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const workerMs = sum(workersCpu);
  const selfMs = (selfDrain.user + selfDrain.system) / 1000;
  console.log(
    `generation-jobs: ${N} jobs, ${WORKERS} workers × concurrency ${CONCURRENCY}, PostgreSQL, ${profileDir ? "profiling" : "no profiler"}`,
  );
  console.log(
    `  outcomes: ${outcomes.map((o) => `${o.status} ${o.n}`).join(", ")}; enqueue ${(N / (enqueueMs / 1000)).toFixed(0)} jobs/s ` +
      `(${((enqueueCpu.user + enqueueCpu.system) / 1000 / N).toFixed(2)} CPU ms/job in the producer)`,
  );
  console.log(`  drain: ${(drainMs / 1000).toFixed(1)} s, ${(N / (drainMs / 1000)).toFixed(1)} jobs/s`);
  console.log(
    `  CPU ms per job: workers ${(workerMs / N).toFixed(1)}, model server + poller ${(selfMs / N).toFixed(1)}, ` +
      `PostgreSQL backends ${(pgCpu / N).toFixed(1)}, total ${((workerMs + selfMs + pgCpu) / N).toFixed(1)}`,
  );
  console.log(
    `  worker boot: ${(bootWall / 1000).toFixed(1)} s wall for ${WORKERS} at once, ${(sum(bootCpu) / WORKERS).toFixed(0)} CPU ms each`,
  );
  console.log("  step            count   mean ms");
  for (const s of steps)
    console.log(`  ${s.name.padEnd(15)} ${String(s.n).padStart(5)} ${s.mean.toFixed(1).padStart(9)}`);

  for (const w of workers) w.child.kill("SIGTERM");
  await Promise.all(workers.map((w) => w.exited));
  await stopSender();
  await model.close();
}

/** `npm run workers` as test/spawn.ts starts it, with `--cpu-prof` when profiling. */
function startWorker(profileDir: string | undefined) {
  const child = spawn(
    process.execPath,
    [
      ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
      "--import",
      "tsx",
      "workers/index.ts",
    ],
    {
      env: { ...process.env, LOG_LEVEL: "warn", WORKER_CONCURRENCY: CONCURRENCY },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.on("message", (m: { type?: string }) => m?.type === "ready" && resolve());
    void exited.then(() => reject(new Error("a worker exited before it was ready")));
  });
  return { child, ready, exited };
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
