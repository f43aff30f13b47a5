/**
 * What the gateway adds to one generation call: the built-in model server (a child process
 * on a free port, as in production) called directly with the openai SDK, and through the
 * gateway (policy, breaker, timeouts, attempt recording, parsing), in the same run,
 * interleaved so drift hits both. Prints p50/p99 per path, the added ms and the ratio.
 *
 *   node --import tsx bench/models-gateway.ts [calls=2000]
 */
import { fork } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import OpenAI from "openai";
import { memoryRecorder } from "@/lib/models/attempts/recorder";
import { createGateway } from "@/lib/models/create-gateway";
import { openAICompatibleProvider } from "@/lib/models/providers/openai-compatible";
import { createBreakerRegistry } from "@/lib/models/resilience/breakers";
import { resiliencePolicySchema } from "@/lib/models/resilience/policy";

const CALLS = Number(process.argv[2] ?? 2000);
const WARMUP = 200;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const port = await freePort();
const child = fork(path.resolve(import.meta.dirname, "../server/model-server.ts"), {
  execArgv: ["--import", "tsx"],
  env: { ...process.env, MODEL_SERVER_PORT: String(port), LOG_LEVEL: "silent" },
  stdio: ["ignore", "ignore", "inherit", "ipc"],
});
await new Promise<void>((resolve) =>
  child.on("message", (m: { type?: string }) => m.type === "ready" && resolve()),
);

const baseUrl = `http://127.0.0.1:${port}/v1`;
const model = "brandgate-copy-1";
const messages = [
  { role: "system" as const, content: "Voice: warm, bold" },
  { role: "user" as const, content: "Launch email for the new trail runners for weekend hikers" },
];
const direct = new OpenAI({ baseURL: baseUrl, apiKey: "unused", maxRetries: 0 });
const policy = resiliencePolicySchema.parse({});
const gateway = createGateway({
  recorder: memoryRecorder(),
  breakers: createBreakerRegistry(),
  resolveTarget: async () => ({
    versionId: "v1",
    labels: { brand: "bench", model, version: "v1" },
    policy,
    provider: openAICompatibleProvider({
      baseUrl,
      apiKey: null,
      modelName: model,
      parameters: { structuredOutput: "json_object", seed: 1 },
      sdkTimeoutMs: policy.deadlineMs + 1000,
    }),
  }),
});

const paths = {
  "direct (openai SDK)": () => direct.chat.completions.create({ model, messages, seed: 1 }),
  "gateway generate()": () =>
    gateway.generate({ brandId: "b", target: { versionId: "v1" }, messages, requestId: "bench" }),
  "direct stream": async () => {
    const s = await direct.chat.completions.create({
      model,
      messages,
      seed: 1,
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const _ of s);
  },
  "gateway generateStream()": async () => {
    for await (const _ of gateway.generateStream({
      brandId: "b",
      target: { versionId: "v1" },
      messages,
      requestId: "bench",
    }));
  },
};
const samples = Object.fromEntries(Object.keys(paths).map((k) => [k, [] as number[]]));
for (let i = 0; i < WARMUP + CALLS; i++) {
  for (const [name, run] of Object.entries(paths)) {
    const t = performance.now();
    await run();
    if (i >= WARMUP) samples[name]!.push(performance.now() - t);
  }
}
child.kill("SIGTERM");

const stats = Object.fromEntries(
  Object.entries(samples).map(([name, s]) => {
    const sorted = s.sort((a, b) => a - b);
    return [name, { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) }];
  }),
);
console.log(
  `models gateway overhead — ${CALLS} sequential calls per path, built-in server as a child process`,
);
for (const [name, s] of Object.entries(stats))
  console.log(`  ${name.padEnd(26)} p50 ${s.p50.toFixed(3)} ms   p99 ${s.p99.toFixed(3)} ms`);
for (const [d, g] of [
  ["direct (openai SDK)", "gateway generate()"],
  ["direct stream", "gateway generateStream()"],
] as const) {
  const a = stats[d]!;
  const b = stats[g]!;
  console.log(
    `  ${g}: added p50 ${(b.p50 - a.p50).toFixed(3)} ms, p99 ${(b.p99 - a.p99).toFixed(3)} ms; ratio p50 ${(b.p50 / a.p50).toFixed(3)}x, p99 ${(b.p99 / a.p99).toFixed(3)}x`,
  );
}
