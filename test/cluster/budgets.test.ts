/**
 * Budgets across three web processes (scripts/cluster, no workers) on one real PostgreSQL:
 * each process has its own memory, caches and connection pool; budget_spend is the only state
 * they share. Calls to a key with a monthly budget are spread round-robin and overlapped over
 * the three until they are refused; the month's spend must end at or past the limit (the
 * budget was usable to the end) and less than one call's cost over it.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { API_KEY_SCOPES, budgetSpend, chatCalls } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { closeDb, db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { insertModelVersion } from "@/lib/models/registry/insert-model-version";
import { moveLabel } from "@/lib/models/registry/move-label";
import { seedDemoModels } from "@/lib/models/seed-demo-models";
import { startCluster, type Cluster } from "@/scripts/cluster/cluster";
import { startApiFixture, type ApiFixture } from "@/test/api/fixture";
import { call } from "./http";

let cluster: Cluster;
let fx: ApiFixture;

beforeAll(async () => {
  cluster = await startCluster({ serverUrl: process.env.DATABASE_URL!, webs: 3, workers: 0 });
  process.env.DATABASE_URL = cluster.databaseUrl;
  process.env.AUTH_SECRET = cluster.authSecret;
  resetEnvCache();
  fx = await startApiFixture();
  // The cluster's model is the built-in one; its stable version is priced here: $1000 and
  // $2000 per million prompt and completion tokens (1000 and 2000 micro-dollars a token).
  const { modelId } = await seedDemoModels(db(), fx.brandId);
  const priced = await insertModelVersion(
    db(),
    modelId,
    {
      kind: "generation",
      provider: "builtin",
      modelName: "brandgate-copy-1",
      tag: "priced",
      parameters: { temperature: 0.7, maxTokens: 60 },
      resilience: { attemptTimeoutMs: 10_000, deadlineMs: 20_000, maxRetries: 0 },
      priceInputPerMillion: 1000,
      priceOutputPerMillion: 2000,
    },
    null,
  );
  await moveLabel({
    model: modelId,
    label: "stable",
    versionId: priced.id,
    actor: "system:test",
    reason: "priced",
  });
});

afterAll(async () => {
  await fx?.close();
  await closeDb();
  await cluster?.stop();
});

it("holds a key's monthly budget to within one call over three web processes", async () => {
  const created = await createApiKey(fx.admin, {
    brandId: fx.brandId,
    name: "budgeted across the cluster",
    scopes: [...API_KEY_SCOPES],
    chatEnabled: true,
    rateLimitPerMinute: 100_000,
    monthlyGenerationQuota: 100_000_000,
    defaultChannel: "social",
  });
  const LIMIT_USD = "1";
  const LIMIT = 1_000_000;
  const set = await call(cluster.webs[0]!.url, "PUT", "/api/v1/budgets", fx.keys.all, {
    scope: "key",
    apiKeyId: created.key.id,
    limitUsd: LIMIT_USD,
  });
  expect(set.status).toBe(200);

  const chat = (i: number) =>
    call(cluster.webs[i % 3]!.url, "POST", "/api/v1/chat/completions", created.plaintext, {
      model: fx.modelName,
      max_tokens: 40,
      messages: [{ role: "user", content: "One line about our rain jacket for weekend hikers." }],
    });
  const statuses = new Map<number, number>();
  for (let round = 0; round < 200; round++) {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => chat(i)));
    for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    for (const a of answers.filter((x) => x.status === 429))
      expect((a.json as { error: { code: string; type: string } }).error).toMatchObject({
        code: "budget_exceeded",
        type: "insufficient_quota",
      });
    // Between rounds nothing is in flight: a round refused whole means the budget is spent.
    if (answers.every((a) => a.status === 429)) break;
  }
  const [spend] = await db()
    .select()
    .from(budgetSpend)
    .where(and(eq(budgetSpend.scope, "key"), eq(budgetSpend.scopeId, created.key.id)));
  const [calls] = await db()
    .select({
      n: sql<number>`count(*) filter (where ${chatCalls.costMicroUsd} > 0)::int`,
      total: sql<string>`coalesce(sum(${chatCalls.costMicroUsd}), 0)::text`,
      dearest: sql<string>`coalesce(max(${chatCalls.costMicroUsd}), 0)::text`,
    })
    .from(chatCalls)
    .where(eq(chatCalls.apiKeyId, created.key.id));
  console.log(
    `budget across 3 web processes: statuses ${JSON.stringify([...statuses])}, ${calls!.n} paid calls, spent ${spend!.spentMicroUsd} of ${LIMIT} micro-USD (dearest call ${calls!.dearest})`,
  );
  expect(statuses.get(429) ?? 0).toBeGreaterThan(0);
  expect(spend!.reservedMicroUsd).toBe(0);
  expect(spend!.spentMicroUsd).toBe(Number(calls!.total));
  expect(spend!.spentMicroUsd).toBeGreaterThanOrEqual(LIMIT);
  expect(spend!.spentMicroUsd - LIMIT).toBeLessThan(Number(calls!.dearest));
});
