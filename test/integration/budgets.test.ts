/**
 * Cost and budgets through the product's surfaces: the chat lane with the official `openai`
 * client, the generations API, and the usage and budgets API, over three API instances
 * sharing one database (budget_spend is the only shared state the budget keeps; the instances
 * here are three listening servers in one process, like test/integration/api-keys.test.ts).
 *
 * The demo model's stable label is moved to a priced version: $1000 per million prompt tokens
 * and $2000 per million completion tokens, i.e. 1000 and 2000 micro-dollars a token. The
 * fixture's upstream answers every call with 7 prompt and 2 completion tokens, so each call
 * costs exactly 7×1000 + 2×2000 = 11 000 micro-dollars ($0.011).
 */
import { and, eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_KEY_SCOPES, brands, budgetSpend, chatCalls, webhookEvents } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { flushChatCalls } from "@/lib/chat/record-chat-call";
import { createBatch } from "@/lib/generation/batch/create-batch";
import { flushGenerationAttempts } from "@/lib/models/generate";
import { insertModelVersion } from "@/lib/models/registry/insert-model-version";
import { moveLabel } from "@/lib/models/registry/move-label";
import { seedDemoModels } from "@/lib/models/seed-demo-models";
import { buildApi } from "@/server/api/app";
import { SAFE_COPY, startApiFixture, type ApiFixture } from "@/test/api/fixture";

const CALL_COST = 11_000;

let f: ApiFixture;
const extra: FastifyInstance[] = [];
const urls: string[] = [];

async function newKey(name: string) {
  const created = await createApiKey(f.admin, {
    brandId: f.brandId,
    name,
    scopes: [...API_KEY_SCOPES],
    chatEnabled: true,
    rateLimitPerMinute: 100_000,
    monthlyGenerationQuota: 100_000,
    defaultChannel: "social",
  });
  return created;
}

const openai = (apiKey: string, instance = 0) =>
  new OpenAI({ baseURL: `${urls[instance]}/api/v1`, apiKey, maxRetries: 2 });
const ask = (client: OpenAI) =>
  client.chat.completions.create({
    model: "brandgate-copy",
    max_tokens: 5,
    messages: [{ role: "user", content: "A short line about our rain jacket" }],
  });

async function api(key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${urls[0]}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

async function spendRow(scope: "brand" | "key", scopeId: string) {
  const [row] = await db()
    .select()
    .from(budgetSpend)
    .where(and(eq(budgetSpend.scope, scope), eq(budgetSpend.scopeId, scopeId)));
  return row;
}

beforeAll(async () => {
  f = await startApiFixture();
  urls.push(f.baseUrl);
  for (let i = 0; i < 2; i++) {
    const app = await buildApi();
    await app.listen({ host: "127.0.0.1", port: 0 });
    extra.push(app);
    urls.push(`http://127.0.0.1:${(app.server.address() as { port: number }).port}`);
  }
  const { modelId } = await seedDemoModels(db(), f.brandId);
  const priced = await insertModelVersion(
    db(),
    modelId,
    {
      kind: "generation",
      provider: "builtin",
      modelName: "brandgate-copy-1",
      tag: "priced",
      parameters: { temperature: 0.7, maxTokens: 400 },
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
  f.setUpstream({ kind: "ok", text: SAFE_COPY });
});
afterAll(async () => {
  await Promise.all(extra.map((a) => a.close()));
  await f.close();
});

describe("a brand budget", () => {
  it("refuses the chat lane in OpenAI's error shape once spent, warns once, and stops generations", async () => {
    const key = await newKey("brand budget");
    const set = await api(key.plaintext, "PUT", "/api/v1/budgets", {
      scope: "brand",
      limitUsd: "0.02",
      warnAt: 0.5,
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      scope: "brand",
      limitUsd: "0.020000",
      spentUsd: "0.000000",
      status: "ok",
    });

    const client = openai(key.plaintext);
    // 0 and then 11 000 spent are under the 20 000 limit: both admitted; the second ends at 22 000.
    await ask(client);
    await ask(client);
    const hitsBefore = f.upstreamHits.length;
    let raised: unknown;
    try {
      await ask(client);
    } catch (err) {
      raised = err;
    }
    expect(raised).toBeInstanceOf(OpenAI.RateLimitError);
    const err = raised as InstanceType<typeof OpenAI.RateLimitError>;
    expect(err.status).toBe(429);
    expect(err.code).toBe("budget_exceeded");
    expect(err.type).toBe("insufficient_quota");
    expect(err.message).toMatch(/monthly budget of 0\.020000 USD is spent/);
    // No model was called, and the client did not retry (x-should-retry: false).
    expect(f.upstreamHits.length).toBe(hitsBefore);
    expect(err.headers?.get("x-should-retry")).toBe("false");

    const spend = await spendRow("brand", f.brandId);
    expect(spend).toMatchObject({ spentMicroUsd: 2 * CALL_COST, reservedMicroUsd: 0 });
    const warnings = await db()
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.brandId, f.brandId), eq(webhookEvents.type, "budget.warning")));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.payload).toMatchObject({
      scope: "brand",
      spentUsd: "0.011000",
      limitUsd: "0.020000",
    });

    // Generations (the governed API's error shape) are refused as well.
    const gen = await api(key.plaintext, "POST", "/api/v1/generations", {
      templateVersionId: f.templateVersionId,
      brief: { summary: "Rain jackets" },
    });
    expect(gen.status).toBe(429);
    expect(gen.body.error).toMatchObject({
      code: "budget_exceeded",
      details: { scope: "brand", currency: "USD" },
    });

    // And batches (the Studio's CSV upload), for a person as for a key.
    await expect(
      createBatch(f.admin, {
        brandId: f.brandId,
        templateVersionId: f.templateVersionId,
        brief: { summary: "Rain jackets" },
        csv: "name\nAda\n",
      }),
    ).rejects.toMatchObject({ code: "budget_exceeded", status: 429 });

    const listed = await api(key.plaintext, "GET", "/api/v1/budgets");
    const brandBudget = listed.body.data.find((b: { scope: string }) => b.scope === "brand");
    expect(brandBudget).toMatchObject({ status: "exceeded", spentUsd: "0.022000" });

    // Raising the budget opens the lane again at the next call (budgets bump the brand state).
    await api(key.plaintext, "PUT", "/api/v1/budgets", { scope: "brand", limitUsd: "1000" });
    await expect(ask(client)).resolves.toMatchObject({ object: "chat.completion" });
    expect((await api(key.plaintext, "DELETE", `/api/v1/budgets/${brandBudget.id}`)).status).toBe(204);
  });
});

describe("a key budget across three instances", () => {
  it("is never exceeded by more than one call, however the calls are spread and overlapped", async () => {
    const capped = await newKey("capped");
    const free = await newKey("free");
    const set = await api(f.keys.all, "PUT", "/api/v1/budgets", {
      scope: "key",
      apiKeyId: capped.key.id,
      limitUsd: "0.1",
    });
    expect(set.status).toBe(200);
    const LIMIT = 100_000;
    const clients = [0, 1, 2].map((i) => openai(capped.plaintext, i));

    let ok = 0;
    let refused = 0;
    // Rounds of four overlapping calls on each instance, until a round gets nothing: with no
    // call in flight between rounds, a round refused whole means the budget is spent.
    for (let round = 0; round < 30; round++) {
      const results = await Promise.allSettled(clients.flatMap((c) => [ask(c), ask(c), ask(c), ask(c)]));
      const got = results.filter((r) => r.status === "fulfilled").length;
      for (const r of results) {
        if (r.status === "rejected") {
          expect(r.reason).toBeInstanceOf(OpenAI.RateLimitError);
          expect((r.reason as InstanceType<typeof OpenAI.RateLimitError>).code).toBe("budget_exceeded");
        }
      }
      ok += got;
      refused += results.length - got;
      if (got === 0) break;
    }
    expect(refused).toBeGreaterThan(0);
    const spend = await spendRow("key", capped.key.id); // a new key is its own lineage;
    expect(spend!.reservedMicroUsd).toBe(0);
    expect(spend!.spentMicroUsd).toBe(ok * CALL_COST);
    expect(spend!.spentMicroUsd).toBeGreaterThanOrEqual(LIMIT);
    expect(spend!.spentMicroUsd).toBeLessThan(LIMIT + CALL_COST);

    // What the budget counted is what the calls recorded: chat_calls and the usage API agree.
    await flushChatCalls();
    await flushGenerationAttempts();
    const [calls] = await db()
      .select({ cost: sql<string>`sum(${chatCalls.costMicroUsd})` })
      .from(chatCalls)
      .where(eq(chatCalls.apiKeyId, capped.key.id));
    expect(Number(calls!.cost)).toBe(ok * CALL_COST);
    const usage = await api(f.keys.all, "GET", "/api/v1/usage");
    expect(usage.status).toBe(200);
    const mine = usage.body.data.filter((r: { apiKeyId: string | null }) => r.apiKeyId === capped.key.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ calls: ok, versionLabel: "brandgate-copy@priced", unpricedCalls: 0 });
    expect(mine[0].costUsd).toBe(`0.${String(ok * CALL_COST).padStart(6, "0")}`);

    // The gauge the budget alert reads: the brand's fullest key budget, from the shared rows.
    const metrics = await (await fetch(`${urls[2]}/api/metrics`)).text();
    const [brand] = await db().select({ slug: brands.slug }).from(brands).where(eq(brands.id, f.brandId));
    const line = metrics
      .split("\n")
      .find((l) => l.startsWith(`brandgate_budget_used_ratio{scope="key",brand="${brand!.slug}"}`));
    expect(Number(line?.split(" ").at(-1))).toBeCloseTo(spend!.spentMicroUsd / LIMIT, 6);

    // Another key of the brand is not held by this key's budget.
    await expect(ask(openai(free.plaintext, 1))).resolves.toMatchObject({ object: "chat.completion" });
  });
});

describe("a streamed call", () => {
  it("is charged at the cost its usage reports, and its reservation is released", async () => {
    const key = await newKey("streamed");
    await api(f.keys.all, "PUT", "/api/v1/budgets", { scope: "key", apiKeyId: key.key.id, limitUsd: "1" });
    const stream = await openai(key.plaintext, 2).chat.completions.create({
      model: "brandgate-copy",
      max_tokens: 5,
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "A short line about our rain jacket" }],
    });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(SAFE_COPY.startsWith(text) && text.length > 0).toBe(true);
    await flushChatCalls();
    expect(await spendRow("key", key.key.id)).toMatchObject({
      spentMicroUsd: CALL_COST,
      reservedMicroUsd: 0,
    });
    const [row] = await db()
      .select({ cost: chatCalls.costMicroUsd, streamed: chatCalls.streamed })
      .from(chatCalls)
      .where(eq(chatCalls.apiKeyId, key.key.id));
    expect(row).toEqual({ cost: CALL_COST, streamed: true });
  });
});
