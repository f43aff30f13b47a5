/**
 * A batch of 200 audience rows runs through real worker processes on the built-in model;
 * the first worker is stopped part-way, another resumes, and every row ends exactly once.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentRevisions, generations } from "@/db/schema";
import type { UserPrincipal } from "@/lib/auth/principal";
import { DEMO_KIT } from "@/lib/brand/kit";
import { publishKitVersion } from "@/lib/brand/kits/publish-kit-version";
import { saveKitVersion } from "@/lib/brand/kits/save-kit-version";
import { db } from "@/lib/db";
import { stopSender } from "@/lib/jobs/send-job";
import { createBuiltinModelServer } from "@/lib/models/builtin/create-builtin-server";
import { seedDemoModels } from "@/lib/models/seed-demo-models";
import { listen } from "@/lib/http/testing/listen";
import { listTemplates } from "@/lib/templates/versions/list-templates";
import { seedStarterTemplates } from "@/lib/templates/versions/seed-starter-templates";
import { createBrand, createUser, signedIn } from "@/test/factories";
import { spawnEntry, waitFor, type Spawned } from "@/test/spawn";
import { dropQueuedGenerations } from "@/test/drop-queued-generations";
import { createBatch } from "./create-batch";
import { getBatchProgress } from "./get-batch-progress";
import { resumeBatch } from "./resume-batch";

let closeModel: () => Promise<void>;
let modelUrl: string;
let brandId: string;
let marketer: UserPrincipal;
let templateVersionId: string;
const workers: Spawned[] = [];

beforeAll(async () => {
  const server = await listen(createBuiltinModelServer());
  closeModel = server.close;
  modelUrl = server.baseUrl;
  brandId = (await createBrand()).id;
  const admin = await createUser(brandId, "admin");
  const adminSession = (await (await signedIn(admin.id)).session())!;
  marketer = (await (await signedIn((await createUser(brandId, "marketer")).id)).session())!;
  const kit = await saveKitVersion(adminSession, { brandId, baseVersion: null, content: DEMO_KIT });
  await publishKitVersion(adminSession, { brandId, versionId: kit.id });
  await seedDemoModels(db(), brandId);
  await seedStarterTemplates(db(), brandId, admin.id);
  templateVersionId = (await listTemplates(marketer, brandId)).find((t) => t.template.channel === "push")!
    .versions[0]!.versionId;
});
afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
  // Jobs the killed workers held would wait for later files' workers.
  await dropQueuedGenerations([brandId]);
  await stopSender();
  await closeModel();
});

function startWorker() {
  const w = spawnEntry("workers/index.ts", {
    MODEL_BASE_URL: modelUrl,
    WORKER_CONCURRENCY: "4",
    WORKER_SHUTDOWN_TIMEOUT_MS: "1000",
  });
  workers.push(w);
  return w;
}

describe("batch generation", () => {
  it("runs 200 rows to a final state, resumes after a worker stops, and doubles nothing", async () => {
    const segments = ["bargain", "premium", "explorer", "family"];
    const csv = [
      "unit_key,segment,locale",
      ...Array.from({ length: 200 }, (_, i) => `c${i},${segments[i % 4]},en-GB`),
    ].join("\n");
    const first = startWorker();
    await first.ready;
    const batch = await createBatch(marketer, {
      brandId,
      templateVersionId,
      brief: { summary: "Tell members the autumn trail guide is out" },
      csv,
    });

    await waitFor(
      async () => (await getBatchProgress(marketer, brandId, batch.id)).done >= 40,
      60_000,
      "40 rows done",
    );
    first.child.kill("SIGTERM");
    expect((await first.exited).code).toBe(0);
    const midway = (await getBatchProgress(marketer, brandId, batch.id)).done;
    expect(midway).toBeLessThan(200);

    const second = startWorker();
    await second.ready;
    await resumeBatch(marketer, { brandId, batchId: batch.id });
    const progress = await waitFor(
      async () => {
        const p = await getBatchProgress(marketer, brandId, batch.id);
        return p.done === 200 ? p : null;
      },
      120_000,
      "all 200 rows",
    );
    expect(progress.counts.succeeded ?? 0).toBeGreaterThan(150);
    for (const problem of progress.problems)
      expect((problem.outcome as { reasons: string[] }).reasons.length).toBeGreaterThan(0);

    const revisions = await db()
      .select({ generationId: contentRevisions.generationId, n: sql<number>`count(*)::int` })
      .from(contentRevisions)
      .innerJoin(generations, eq(generations.id, contentRevisions.generationId))
      .where(eq(generations.batchId, batch.id))
      .groupBy(contentRevisions.generationId);
    expect(revisions).toHaveLength(progress.counts.succeeded!);
    expect(revisions.every((r) => r.n === 1)).toBe(true);
    second.child.kill("SIGTERM");
    await second.exited;
  }, 240_000);

  it("rejects a CSV with no rows, naming the field", async () => {
    await expect(
      createBatch(marketer, { brandId, templateVersionId, brief: { summary: "x" }, csv: "segment\n" }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: [expect.objectContaining({ path: "csv" })],
    });
  });
});
