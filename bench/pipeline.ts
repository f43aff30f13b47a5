/**
 * Generations per second through the whole pipeline (checks in, routing, the built-in model
 * over HTTP, checks out and fixes, rendering, storing in Postgres), and the time per step.
 * Baseline in the same run: the same number of bare calls to the built-in model, so the
 * ratio shows what governance costs on top of generation.
 *
 *   node --import tsx bench/pipeline.ts [generations=200] [concurrency=4]
 *
 * Runs on the embedded database unless DATABASE_URL is set (then a throwaway brand is used).
 */
import { randomBytes } from "node:crypto";
import OpenAI from "openai";

const N = Number(process.argv[2] ?? 200);
const CONCURRENCY = Number(process.argv[3] ?? 4);

async function main() {
  process.env.AUTH_SECRET ??= randomBytes(32).toString("hex");
  process.env.LOG_LEVEL ??= "silent";
  const { startEmbeddedDatabase } = await import("@/db/embedded/start-embedded");
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedDatabase();
  if (embedded) process.env.DATABASE_URL = embedded.url;
  const { listen } = await import("@/lib/http/testing/listen");
  const { createBuiltinModelServer } = await import("@/lib/models/builtin/create-builtin-server");
  const model = await listen(createBuiltinModelServer());
  process.env.MODEL_BASE_URL = model.baseUrl;
  const { resetEnvCache } = await import("@/lib/env");
  resetEnvCache();

  const { prepareDatabase } = await import("@/lib/setup/prepare-database");
  const { db, closeDb } = await import("@/lib/db");
  const { brands, users, memberships, generations } = await import("@/db/schema");
  const { DEMO_KIT } = await import("@/lib/brand/kit");
  const { brandKitVersions, brandKits } = await import("@/db/schema");
  const { seedDemoModels } = await import("@/lib/models/seed-demo-models");
  const { seedStarterTemplates } = await import("@/lib/templates/versions/seed-starter-templates");
  const { listTemplates } = await import("@/lib/templates/versions/list-templates");
  const { runGeneration } = await import("@/lib/generation/run-generation");
  const { flushGenerationAttempts } = await import("@/lib/models/generate");
  const { inArray } = await import("drizzle-orm");
  await prepareDatabase(process.env.DATABASE_URL!, { seed: false });

  const suffix = randomBytes(4).toString("hex");
  const [brand] = await db()
    .insert(brands)
    .values({ slug: `bench-${suffix}`, name: "Bench Outdoor" })
    .returning();
  const [user] = await db()
    .insert(users)
    .values({ email: `bench-${suffix}@example.test`, name: "Bench" })
    .returning();
  await db().insert(memberships).values({ userId: user!.id, brandId: brand!.id, role: "admin" });
  const [kit] = await db()
    .insert(brandKitVersions)
    .values({ brandId: brand!.id, version: 1, content: DEMO_KIT })
    .returning();
  await db().insert(brandKits).values({ brandId: brand!.id, publishedVersionId: kit!.id });
  await seedDemoModels(db(), brand!.id);
  await seedStarterTemplates(db(), brand!.id, user!.id);
  const session = {
    kind: "user" as const,
    sessionId: "bench",
    user: { id: user!.id, email: "", name: "" },
    memberships: [{ brandId: brand!.id, brandSlug: "", brandName: "", role: "admin" as const, groups: [] }],
  };
  const template = (await listTemplates(session, brand!.id)).find((t) => t.template.channel === "email")!;

  // Baseline: bare calls to the built-in model, same concurrency.
  const client = new OpenAI({ baseURL: model.baseUrl, apiKey: "none", maxRetries: 0 });
  const baseStart = performance.now();
  await pool(N, CONCURRENCY, async (i) => {
    await client.chat.completions.create({
      model: "brandgate-copy-1",
      messages: [{ role: "user", content: `Launch email for trail shoes, variant ${i}` }],
      response_format: { type: "json_object" },
    });
  });
  const baseSeconds = (performance.now() - baseStart) / 1000;

  const rows = await db()
    .insert(generations)
    .values(
      Array.from({ length: N }, (_, i) => ({
        brandId: brand!.id,
        createdBy: user!.id,
        templateVersionId: template.versions[0]!.versionId,
        brief: { summary: `Launch email for our trail shoes, variant ${i}`, slots: {} },
        unitKey: `unit-${i}`,
        autoSubmit: false,
      })),
    )
    .returning({ id: generations.id });
  const start = performance.now();
  await pool(rows.length, CONCURRENCY, (i) =>
    runGeneration({
      actor: { kind: "user", userId: user!.id, brandId: brand!.id },
      generationId: rows[i]!.id,
    }).then(() => undefined),
  );
  const seconds = (performance.now() - start) / 1000;
  await flushGenerationAttempts();

  const done = await db()
    .select({ status: generations.status, steps: generations.steps })
    .from(generations)
    .where(
      inArray(
        generations.id,
        rows.map((r) => r.id),
      ),
    );
  const byStatus: Record<string, number> = {};
  const perStep = new Map<string, number[]>();
  for (const row of done) {
    byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
    for (const s of row.steps as { name: string; ms: number }[])
      perStep.set(s.name, [...(perStep.get(s.name) ?? []), s.ms]);
  }
  console.log(
    `pipeline: ${N} generations, concurrency ${CONCURRENCY}, ${embedded ? "embedded PGlite" : "PostgreSQL"}`,
  );
  console.log(
    `  outcomes: ${Object.entries(byStatus)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  console.log(
    `  generations/s: ${(N / seconds).toFixed(1)}   (bare model calls/s: ${(N / baseSeconds).toFixed(1)}; pipeline time per generation = ${(seconds / baseSeconds).toFixed(2)}× a bare model call)`,
  );
  console.log("  step            count   mean ms   p95 ms   total s");
  for (const [name, values] of [...perStep.entries()].sort((a, b) => sum(b[1]) - sum(a[1]))) {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(
      `  ${name.padEnd(15)} ${String(values.length).padStart(5)} ${(sum(values) / values.length).toFixed(1).padStart(9)} ${String(sorted[Math.floor(sorted.length * 0.95)] ?? 0).padStart(8)} ${(sum(values) / 1000).toFixed(2).padStart(9)}`,
    );
  }
  await model.close();
  await closeDb();
  await embedded?.stop();
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

async function pool(n: number, concurrency: number, fn: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await fn(next++);
    }),
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
