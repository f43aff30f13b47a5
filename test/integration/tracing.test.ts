/**
 * Tracing end to end, against an in-process OTLP/HTTP receiver: one generation made through
 * the REST API (through the custom server's dispatcher, as in production) is one trace
 * holding the API request, the job that ran it (its traceparent carried in the payload),
 * each governance check, the model attempt with its GenAI attributes, the store, the review
 * decision, and the webhook delivery, whose POST carries the trace on as `traceparent`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { contentItems } from "@/db/schema";
import { db } from "@/lib/db";
import { getEnv, resetEnvCache } from "@/lib/env";
import { logger } from "@/lib/log";
import { decide } from "@/lib/review/decide";
import { sessionFor } from "@/lib/review/testing/review-fixture";
import { inSpan } from "@/lib/tracing/in-span";
import { traceLogFields } from "@/lib/tracing/log-fields";
import { flushTracing, startTracing, stopTracing } from "@/lib/tracing/start-tracing";
import { createWebhookSubscription } from "@/lib/webhooks/create-webhook-subscription";
import { dispatchDueDeliveries } from "@/lib/webhooks/dispatch-due-deliveries";
import { accessLog } from "@/server/access-log";
import { buildApi } from "@/server/api/app";
import { createDispatcher } from "@/server/dispatch";
import { startApiFixture, type ApiFixture } from "@/test/api/fixture";
import { spawnEntry, waitFor } from "@/test/spawn";
import { startReceiver } from "@/test/webhook-receiver";

interface ReceivedSpan {
  /** The exporting process's service.name. */
  service?: unknown;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

type OtlpValue = {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  arrayValue?: { values?: OtlpValue[] };
};

function valueOf(v: OtlpValue): unknown {
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(valueOf);
  if (v.intValue !== undefined) return Number(v.intValue);
  return v.stringValue ?? v.boolValue;
}

/** A collector on loopback that takes OTLP/HTTP JSON trace exports and keeps every span. */
async function startOtlpReceiver() {
  const spans: ReceivedSpan[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.url === "/v1/traces" && req.headers["content-type"]?.startsWith("application/json")) {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
          resourceSpans?: {
            resource?: { attributes?: { key: string; value: OtlpValue }[] };
            scopeSpans?: {
              spans?: (Omit<ReceivedSpan, "attributes"> & {
                attributes?: { key: string; value: OtlpValue }[];
              })[];
            }[];
          }[];
        };
        for (const rs of body.resourceSpans ?? [])
          for (const ss of rs.scopeSpans ?? [])
            for (const s of ss.spans ?? [])
              spans.push({
                ...s,
                service: valueOf(rs.resource?.attributes?.find((a) => a.key === "service.name")?.value ?? {}),
                attributes: Object.fromEntries((s.attributes ?? []).map((a) => [a.key, valueOf(a.value)])),
              });
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let otlp: Awaited<ReturnType<typeof startOtlpReceiver>>;
let hooks: Awaited<ReturnType<typeof startReceiver>>;
let f: ApiFixture;
let web: http.Server;
let baseUrl: string;

beforeAll(async () => {
  otlp = await startOtlpReceiver();
  hooks = await startReceiver();
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = otlp.url;
  process.env.OTEL_EXPORTER_OTLP_PROTOCOL = "http/json";
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
  resetEnvCache();
  expect(await startTracing("test", getEnv())).toBe(true);
  f = await startApiFixture({ jobs: true });
  // The API behind the custom server's dispatcher, as server/index.ts serves it.
  const api = await buildApi((handler) =>
    http.createServer(
      createDispatcher({
        api: handler,
        ui: (_req, res) => void res.writeHead(404).end(),
        trustProxy: false,
        onDone: accessLog(logger()),
      }),
    ),
  );
  await api.listen({ host: "127.0.0.1", port: 0 });
  web = api.server;
  baseUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  await createWebhookSubscription(f.admin, {
    brandId: f.brandId,
    url: hooks.url,
    eventTypes: ["content.approved"],
  });
}, 120_000);

afterAll(async () => {
  await stopTracing();
  await new Promise<void>((resolve) => web?.close(() => resolve()));
  await f?.close();
  await hooks?.close();
  await otlp?.close();
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  delete process.env.OTEL_EXPORTER_OTLP_PROTOCOL;
  delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
  resetEnvCache();
});

it("follows one generation from the API request to the webhook delivery in one trace", async () => {
  const res = await fetch(`${baseUrl}/api/v1/generations`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${f.keys.all}` },
    body: JSON.stringify({
      templateVersionId: f.templateVersionId,
      brief: { summary: "Rain jackets for hikers" },
    }),
  });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };

  // The generation runs in the fixture's job worker; then two reviewers approve what it stored.
  const itemId = await waitFor(
    async () => {
      const view = (await (
        await fetch(`${baseUrl}/api/v1/generations/${id}`, {
          headers: { authorization: `Bearer ${f.keys.all}` },
        })
      ).json()) as { status: string; result?: { contentItemId?: string } };
      expect(["queued", "running", "succeeded"]).toContain(view.status);
      return view.status === "succeeded" ? view.result?.contentItemId : undefined;
    },
    60_000,
    "the generation",
  );
  for (const reviewer of [
    await sessionFor(f.brandId, "reviewer"),
    await sessionFor(f.brandId, "reviewer", ["legal"]),
  ]) {
    const [item] = await db().select().from(contentItems).where(eq(contentItems.id, itemId));
    if (item!.status !== "in_review") break;
    await decide(reviewer, {
      brandId: f.brandId,
      contentItemId: itemId,
      revisionId: item!.currentRevisionId!,
      stageIndex: item!.stageIndex,
      decision: "approve",
    });
  }
  // Later, outside any request: the dispatcher delivers the content.approved event.
  const delivered = await waitFor(
    async () => {
      await dispatchDueDeliveries();
      return hooks.received.find((r) => r.rawBody.includes(itemId));
    },
    30_000,
    "the webhook delivery",
  );
  await flushTracing();

  const apiSpan = otlp.spans.find((s) => s.name === "POST /api/v1/generations");
  expect(apiSpan, "the API request's span").toBeDefined();
  expect(apiSpan!.attributes).toMatchObject({
    "http.route": "/api/v1/generations",
    "http.response.status_code": 202,
  });
  const trace = otlp.spans.filter((s) => s.traceId === apiSpan!.traceId);
  const named = (name: string) => trace.filter((s) => s.name === name);

  expect(named("send generation.run.v1"), "the job sent").toHaveLength(1);
  const job = named("process generation.run.v1");
  expect(job, "the job's run, in the request's trace").toHaveLength(1);
  expect(named("send generation.run.v1")[0]!.spanId).toBe(job[0]!.parentSpanId);

  const checks = trace.filter((s) => s.name.startsWith("check "));
  expect(checks.length, "each governance check run").toBeGreaterThan(1);
  for (const check of checks)
    expect(check.attributes["brandgate.check.verdict"]).toMatch(/^(pass|warn|fail)$/);

  const attempt = trace.find((s) => s.attributes["gen_ai.operation.name"] === "chat");
  expect(attempt, "the model attempt").toBeDefined();
  expect(attempt!.attributes).toMatchObject({
    "gen_ai.request.model": expect.any(String),
    "gen_ai.provider.name": expect.any(String),
    "gen_ai.usage.input_tokens": expect.any(Number),
    "gen_ai.usage.output_tokens": expect.any(Number),
    "gen_ai.response.finish_reasons": ["stop"],
    "brandgate.model.outcome": "ok",
  });
  expect(named("generation.generate").map((s) => s.spanId)).toContain(attempt!.parentSpanId);

  expect(named("generation.store"), "the store").toHaveLength(1);
  expect(
    trace.some((s) => s.attributes["db.system.name"] === "postgresql" && s.name === "INSERT"),
    "database calls",
  ).toBe(true);
  expect(named("review.approve").length, "the review decisions").toBeGreaterThan(0);

  // The fixture's own subscriptions get deliveries too (same trace); ours is the one received.
  const webhook = named("webhook content.approved").filter(
    (s) => s.attributes["brandgate.webhook.delivery_id"] === delivered.headers["brandgate-delivery-id"],
  );
  expect(webhook, "the webhook delivery").toHaveLength(1);
  expect(webhook[0]!.attributes).toMatchObject({ "brandgate.webhook.outcome": "delivered" });
  // The receiver got the delivery span's context, in the same trace.
  expect(delivered.headers.traceparent).toBe(`00-${apiSpan!.traceId}-${webhook[0]!.spanId}-01`);
}, 120_000);

it("puts the trace and span ids on log lines written inside a trace", async () => {
  const lines: Record<string, unknown>[] = [];
  const log = pino(
    { mixin: traceLogFields },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  log.info("outside");
  await inSpan("probe", {}, async (span) =>
    log.info({ spanName: "probe" }, `inside ${span!.spanContext().spanId}`),
  );
  expect(lines[0]).not.toHaveProperty("traceId");
  const ids = lines[1]!.msg!.toString().split(" ")[1];
  expect(lines[1]).toMatchObject({ traceId: expect.stringMatching(/^[0-9a-f]{32}$/), spanId: ids });
  // lib/log's logger is built with this very mixin.
  const symbols = pino.symbols as unknown as { mixinSym: symbol };
  expect((logger() as unknown as Record<symbol, unknown>)[symbols.mixinSym]).toBe(traceLogFields);
});

it("makes each chat lane call one trace of its own, even when their records share a statement", async () => {
  const call = () =>
    fetch(`${baseUrl}/api/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${f.keys.all}` },
      body: JSON.stringify({
        model: "brandgate-copy",
        messages: [{ role: "user", content: "A short line about our rain jacket" }],
      }),
    });
  const answers = await Promise.all([call(), call(), call()]);
  expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
  await flushTracing();
  const calls = otlp.spans.filter((s) => s.name === "POST /api/v1/chat/completions");
  expect(new Set(calls.map((s) => s.traceId)).size).toBe(3);
  for (const server of calls) {
    const trace = otlp.spans.filter((s) => s.traceId === server.traceId);
    expect(trace.filter((s) => s.name === "POST /api/v1/chat/completions")).toHaveLength(1);
    expect(trace.filter((s) => s.attributes["gen_ai.operation.name"] === "chat")).toHaveLength(1);
    expect(trace.some((s) => s.name.startsWith("check "))).toBe(true);
    // The shared insert of the calls' records belongs to none of them.
    expect(trace.filter((s) => String(s.attributes["db.query.text"] ?? "").includes("chat_calls"))).toEqual(
      [],
    );
  }
});

it("starts the SDK in a process of its own when the endpoint is set: the model server's span joins the caller's trace", async () => {
  const port = await new Promise<number>((resolve) => {
    const probe = http.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  const proc = spawnEntry("server/model-server.ts", {
    MODEL_SERVER_PORT: String(port),
    OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
  });
  await proc.ready;
  const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
  const res = await fetch(`http://127.0.0.1:${port}/v1/models`, {
    headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
  });
  expect(res.status).toBe(200);
  proc.child.kill("SIGTERM"); // stopping flushes what the batch processor holds
  expect(await proc.exited).toEqual({ code: 0, signal: null });
  const span = otlp.spans.find((s) => s.traceId === traceId);
  expect(span).toMatchObject({
    service: "brandgate-model-server",
    parentSpanId: "00f067aa0ba902b7",
    attributes: { "http.request.method": "GET", "url.path": "/v1/models", "http.response.status_code": 200 },
  });
}, 60_000);
