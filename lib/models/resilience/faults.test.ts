/**
 * The gateway against a real HTTP upstream that fails on purpose, one failure mode per test.
 * Timing bounds are generous except the deadline's (deadline + 10%), which is a requirement.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createBuiltinModelServer } from "../builtin/create-builtin-server";
import type { GenerateOptions } from "../gateway-deps";
import { startFaultyUpstream, type Behaviour } from "../testing/faulty-upstream";
import { listen } from "@/lib/http/testing/listen";
import { modelBreakerState, modelFallbacks, modelRetries } from "@/lib/metrics/models";
import { testGateway, testTarget } from "../testing/test-gateway";
import type { ResiliencePolicyInput } from "./policy";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function upstream(script: Behaviour[]) {
  const u = await startFaultyUpstream(script);
  closers.push(u.close);
  return u;
}

const fast: ResiliencePolicyInput = {
  attemptTimeoutMs: 2000,
  deadlineMs: 5000,
  maxRetries: 2,
  backoff: { initialDelayMs: 5, maxDelayMs: 20 },
};

/** A metric's current value for exactly these labels (0 when it has none yet). */
async function valueOf(
  metric: { get(): Promise<{ values: { labels: Record<string, string | number>; value: number }[] }> },
  labels: Record<string, string>,
): Promise<number> {
  const found = (await metric.get()).values.find(
    (v) =>
      Object.keys(v.labels).length === Object.keys(labels).length &&
      Object.entries(labels).every(([k, value]) => v.labels[k] === value),
  );
  return found?.value ?? 0;
}

function request(extra: Partial<GenerateOptions> = {}): GenerateOptions {
  return {
    brandId: "brand",
    target: { versionId: "primary" },
    messages: [{ role: "user", content: "Write copy for boots" }],
    requestId: "req-1",
    ...extra,
  };
}

describe("retries", () => {
  it.each([
    ["503", { kind: "status", status: 503 }, "server_error"],
    ["429", { kind: "status", status: 429 }, "rate_limited"],
    ["connection reset", { kind: "reset" }, "connection"],
  ] as const)("retries a %s at most maxRetries times", async (_name, failure, errorClass) => {
    const u = await upstream([failure]);
    const { gateway, recorder } = testGateway([testTarget("primary", u.baseUrl, fast)]);
    const err = await gateway.generate(request()).catch((e) => e);
    expect(err).toMatchObject({ name: "GenerationError", details: { errorClass, attempts: 3 } });
    expect(u.hits).toHaveLength(3);
    expect(recorder.attempts.map((a) => [a.attempt, a.errorClass])).toEqual([
      [1, errorClass],
      [2, errorClass],
      [3, errorClass],
    ]);
  });

  it("answers once a retry succeeds, and records both attempts", async () => {
    const u = await upstream([
      { kind: "status", status: 502 },
      { kind: "ok", text: "Hello boots" },
    ]);
    const { gateway, recorder } = testGateway([testTarget("primary", u.baseUrl, fast)]);
    const result = await gateway.generate(request());
    expect(result).toMatchObject({
      text: "Hello boots",
      servedBy: "primary",
      usage: { tokensIn: 7, tokensOut: 2 },
    });
    expect(recorder.attempts.map((a) => a.outcome)).toEqual(["error", "ok"]);
    expect(recorder.attempts[1]).toMatchObject({
      upstreamRequestId: "req-ok",
      tokensOut: 2,
      requestId: "req-1",
    });
  });

  it("never retries a 400", async () => {
    const u = await upstream([{ kind: "status", status: 400 }, { kind: "ok" }]);
    const { gateway, recorder } = testGateway([testTarget("primary", u.baseUrl, fast)]);
    await expect(gateway.generate(request())).rejects.toMatchObject({
      code: "bad_gateway",
      details: { errorClass: "client_error", httpStatus: 400 },
    });
    expect(u.hits).toHaveLength(1);
    expect(recorder.attempts).toHaveLength(1);
  });

  it("waits at least as long as Retry-After asks", async () => {
    const u = await upstream([
      { kind: "status", status: 429, headers: { "retry-after": "1" } },
      { kind: "ok" },
    ]);
    const { gateway, recorder } = testGateway([testTarget("primary", u.baseUrl, fast)]);
    await gateway.generate(request());
    const [first, second] = recorder.attempts;
    expect(second!.startedAt.getTime() - first!.startedAt.getTime()).toBeGreaterThanOrEqual(1000);
    expect(u.hits[1]!.at - u.hits[0]!.at).toBeGreaterThanOrEqual(990);
  });

  it("gives up at once when Retry-After is longer than the deadline leaves", async () => {
    const u = await upstream([
      { kind: "status", status: 429, headers: { "retry-after": "30" } },
      { kind: "ok" },
    ]);
    const { gateway } = testGateway([testTarget("primary", u.baseUrl, fast)]);
    const started = performance.now();
    await expect(gateway.generate(request())).rejects.toMatchObject({ code: "rate_limited", retryAfter: 30 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(u.hits).toHaveLength(1);
  });
});

describe("deadline", () => {
  it("cuts a hung upstream at the deadline (within 10%), retries included", async () => {
    const u = await upstream([{ kind: "hang" }]);
    const policy = { ...fast, attemptTimeoutMs: 200, deadlineMs: 500, maxRetries: 5 };
    const { gateway, recorder } = testGateway([testTarget("primary", u.baseUrl, policy)]);
    const started = performance.now();
    const err = await gateway.generate(request()).catch((e) => e);
    const elapsed = performance.now() - started;
    expect(err).toMatchObject({ code: "timeout" });
    expect(elapsed).toBeLessThanOrEqual(550);
    expect(u.hits.length).toBeGreaterThanOrEqual(2); // per-attempt timeouts fired and were retried
    expect(recorder.attempts.every((a) => a.outcome === "timeout")).toBe(true);
    await Promise.all(u.hits.map((h) => h.clientClosed)); // every hung request was aborted, not left open
  });
});

describe("circuit breaker", () => {
  it("opens after the threshold and stops calling the failing version, then probes half-open", async () => {
    const u = await upstream([
      { kind: "status", status: 500 },
      { kind: "status", status: 500 },
      { kind: "status", status: 500 },
      { kind: "ok" },
    ]);
    const policy = {
      ...fast,
      maxRetries: 0,
      breaker: { kind: "consecutive", threshold: 3, halfOpenAfterMs: 300 },
    };
    const { gateway, recorder } = testGateway([
      testTarget("primary", u.baseUrl, policy as ResiliencePolicyInput),
    ]);
    for (let i = 0; i < 6; i++) await gateway.generate(request()).catch(() => {});
    expect(u.hits).toHaveLength(3);
    expect(recorder.attempts.map((a) => a.outcome)).toEqual([
      "error",
      "error",
      "error",
      "breaker_open",
      "breaker_open",
      "breaker_open",
    ]);
    const labels = { brand: "test", model: "faulty", version: "primary" };
    expect(await valueOf(modelBreakerState, { ...labels, state: "open" })).toBe(1);
    expect(await valueOf(modelBreakerState, { ...labels, state: "closed" })).toBe(0);
    await expect(gateway.generate(request())).rejects.toMatchObject({ code: "unavailable" });
    await new Promise((r) => setTimeout(r, 350));
    await expect(gateway.generate(request())).resolves.toMatchObject({ servedBy: "primary" });
    expect(u.hits).toHaveLength(4);
    expect(await valueOf(modelBreakerState, { ...labels, state: "open" })).toBe(0);
    expect(await valueOf(modelBreakerState, { ...labels, state: "closed" })).toBe(1);
  });

  it("does not count a 400 against the version", async () => {
    const u = await upstream([{ kind: "status", status: 400 }]);
    const policy = { ...fast, breaker: { kind: "consecutive", threshold: 2, halfOpenAfterMs: 60_000 } };
    const { gateway } = testGateway([testTarget("primary", u.baseUrl, policy as ResiliencePolicyInput)]);
    for (let i = 0; i < 4; i++) await gateway.generate(request()).catch(() => {});
    expect(u.hits).toHaveLength(4);
  });
});

describe("fallback", () => {
  it("answers from the stable version when the candidate fails", async () => {
    const bad = await upstream([{ kind: "status", status: 503 }]);
    const builtin = await listen(createBuiltinModelServer());
    closers.push(builtin.close);
    const { gateway, recorder } = testGateway([
      testTarget("candidate", bad.baseUrl, { ...fast, maxRetries: 1 }),
      testTarget("stable", builtin.baseUrl, fast, "brandgate-copy-1"),
    ]);
    const stable = { brand: "test", model: "brandgate-copy-1", version: "stable" };
    const candidate = { brand: "test", model: "faulty", version: "candidate" };
    const [fallbacksBefore, retriesBefore] = [
      await valueOf(modelFallbacks, stable),
      await valueOf(modelRetries, candidate),
    ];
    const result = await gateway.generate(
      request({ target: { versionId: "candidate" }, fallbackVersionId: "stable" }),
    );
    expect(await valueOf(modelFallbacks, stable)).toBe(fallbacksBefore + 1);
    expect(await valueOf(modelRetries, candidate)).toBe(retriesBefore + 1);
    expect(result).toMatchObject({ versionId: "stable", servedBy: "fallback" });
    expect(result.text.length).toBeGreaterThan(20);
    expect(recorder.attempts.map((a) => [a.versionId, a.servedAs, a.outcome])).toEqual([
      ["candidate", "primary", "error"],
      ["candidate", "primary", "error"],
      ["stable", "fallback", "ok"],
    ]);
  });
});

describe("streams", () => {
  it("surfaces and records a stream the upstream cuts mid-way", async () => {
    const u = await upstream([{ kind: "cut", after: 3 }]);
    const { gateway, recorder } = testGateway([testTarget("primary", u.baseUrl, fast)]);
    const deltas: string[] = [];
    const err = await (async () => {
      for await (const event of gateway.generateStream(request()))
        if (event.type === "delta") deltas.push(event.text);
    })().catch((e) => e);
    expect(deltas).toEqual(["w0 ", "w1 ", "w2 "]);
    expect(err).toMatchObject({ name: "GenerationError", details: { errorClass: "stream_cut" } });
    expect(u.hits).toHaveLength(1); // text went out: no retry, no duplicate
    expect(recorder.attempts).toMatchObject([{ outcome: "stream_cut", errorClass: "stream_cut" }]);
  });

  it("aborts the upstream request when the caller aborts mid-stream, and records it", async () => {
    const u = await upstream([{ kind: "trickle", everyMs: 20 }]);
    const { gateway, recorder } = testGateway([testTarget("primary", u.baseUrl, fast)]);
    const controller = new AbortController();
    let deltas = 0;
    const err = await (async () => {
      for await (const event of gateway.generateStream(request({ signal: controller.signal }))) {
        if (event.type === "delta" && ++deltas === 3) controller.abort();
      }
    })().catch((e) => e);
    expect(err).toMatchObject({ details: { errorClass: "aborted" } });
    await u.hits[0]!.clientClosed;
    expect(recorder.attempts).toMatchObject([{ outcome: "aborted" }]);
  });

  it("records a consumer that stops reading as aborted and releases the upstream", async () => {
    const u = await upstream([{ kind: "trickle", everyMs: 20 }]);
    const { gateway, recorder } = testGateway([testTarget("primary", u.baseUrl, fast)]);
    for await (const event of gateway.generateStream(request())) if (event.type === "delta") break;
    await u.hits[0]!.clientClosed;
    expect(recorder.attempts).toMatchObject([{ outcome: "aborted" }]);
  });

  it("retries before the first chunk and streams a full answer with usage", async () => {
    const u = await upstream([
      { kind: "status", status: 503 },
      { kind: "ok", text: "one two three" },
    ]);
    const { gateway, recorder } = testGateway([testTarget("primary", u.baseUrl, fast)]);
    let text = "";
    let done;
    for await (const event of gateway.generateStream(request())) {
      if (event.type === "delta") text += event.text;
      else done = event.result;
    }
    expect(text).toBe("one two three");
    expect(done).toMatchObject({ text, usage: { tokensIn: 7, tokensOut: 2 }, servedBy: "primary" });
    expect(recorder.attempts.map((a) => a.outcome)).toEqual(["error", "ok"]);
  });
});
