import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { startOpenAIStub } from "../testing/openai-stub";
import { testConnection } from "./test-connection";

const KEY = "sk-test-connection-0123456789";
let stub: Awaited<ReturnType<typeof startOpenAIStub>>;

beforeAll(async () => {
  stub = await startOpenAIStub({ apiKey: KEY, models: ["gpt-stub"], reply: "OK" });
});
afterAll(() => stub.close());
afterEach(() => {
  process.env.MODEL_ALLOW_PRIVATE_BASE_URLS = "1";
  delete process.env.MODEL_BASE_URL;
  resetEnvCache();
});

const privateOff = () => {
  process.env.MODEL_ALLOW_PRIVATE_BASE_URLS = "0";
  resetEnvCache();
};

describe("testConnection", () => {
  it("lists the models, makes one completion, and reports latency", async () => {
    const report = await testConnection({ baseUrl: stub.baseUrl, modelName: "gpt-stub", apiKey: KEY });
    expect(report).toMatchObject({
      ok: true,
      error: null,
      models: ["gpt-stub", "rate-limited"],
      completion: { text: "OK", tokensIn: 9, tokensOut: 1 },
    });
    expect(report.latencyMs).toBeGreaterThanOrEqual(0);
    expect(stub.requests.slice(-2).map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /v1/models",
      "POST /v1/chat/completions",
    ]);
  });

  it("names the key on a 401 with the endpoint's words, and never echoes the key", async () => {
    const wrong = "sk-wrong-0123456789";
    const report = await testConnection({ baseUrl: stub.baseUrl, modelName: "gpt-stub", apiKey: wrong });
    expect(report.error).toMatchObject({ field: "secret", status: 401 });
    expect(report.error!.message).toMatch(/^401: Incorrect API key provided/);
    expect(JSON.stringify(report)).not.toContain(wrong);
  });

  it("names the model when the endpoint does not list it, and the key on a 429", async () => {
    const unknown = await testConnection({ baseUrl: stub.baseUrl, modelName: "gpt-nope", apiKey: KEY });
    expect(unknown.error).toMatchObject({ field: "modelName" });
    expect(unknown.error!.message).toContain('unknown model "gpt-nope"; the endpoint lists: gpt-stub');
    const limited = await testConnection({ baseUrl: stub.baseUrl, modelName: "rate-limited", apiKey: KEY });
    expect(limited.error).toMatchObject({ field: "secret", status: 429 });
  });

  it("reports an unreachable endpoint", async () => {
    const report = await testConnection({ baseUrl: "http://127.0.0.1:9/v1", modelName: "x", apiKey: null });
    expect(report.error).toMatchObject({
      field: "baseUrl",
      message: expect.stringMatching(/^unreachable: /),
    });
  });

  it("refuses private and metadata addresses unless allowed, but trusts the operator's MODEL_BASE_URL", async () => {
    privateOff();
    const metadata = await testConnection({
      baseUrl: "http://169.254.169.254/v1",
      modelName: "x",
      apiKey: null,
    });
    expect(metadata.error).toMatchObject({ field: "baseUrl" });
    expect(metadata.error!.message).toMatch(/^refused by the SSRF guard: .*169\.254\.169\.254/);
    const before = stub.requests.length;
    const loopback = await testConnection({ baseUrl: stub.baseUrl, modelName: "gpt-stub", apiKey: KEY });
    expect(loopback.error!.message).toMatch(/^refused by the SSRF guard/);
    expect(stub.requests.length, "nothing reached the loopback stub").toBe(before);

    process.env.MODEL_BASE_URL = stub.baseUrl;
    resetEnvCache();
    const operator = await testConnection({
      baseUrl: `${stub.baseUrl}/`,
      modelName: "gpt-stub",
      apiKey: KEY,
    });
    expect(operator.ok).toBe(true);
  });
});
