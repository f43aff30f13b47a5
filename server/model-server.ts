/**
 * The built-in generation model server: OpenAI-compatible, loopback only, CPU, no downloads.
 *
 * PLACEHOLDER until the model-gateway issue lands: it answers /v1/models and
 * /v1/chat/completions (with and without `stream: true`) with a deterministic echo of the
 * brief, so the launcher, health checks and client code have a real endpoint to talk to.
 * It is not a copy generator yet, and the README says so.
 */
import http from "node:http";
import { EnvError, getEnv } from "@/lib/env";

process.title = "brandgate-model";

const MODEL_ID = "brandgate-placeholder-1";

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function complete(messages: { role: string; content: string }[]): string {
  const brief = [...messages].reverse().find((m) => m.role === "user")?.content ?? "";
  return `Draft for: ${brief.slice(0, 200)}`;
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1_000_000) throw new Error("too large");
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

const server = http.createServer(async (req, res) => {
  if (req.method === "GET" && req.url === "/v1/models") {
    return reply(res, 200, {
      object: "list",
      data: [{ id: MODEL_ID, object: "model", owned_by: "brandgate" }],
    });
  }
  if (req.method === "POST" && req.url === "/v1/chat/completions") {
    let body: { messages?: { role: string; content: string }[]; stream?: boolean };
    try {
      body = (await readJson(req)) as typeof body;
    } catch {
      return reply(res, 400, { error: { message: "Body must be JSON", type: "invalid_request_error" } });
    }
    if (!Array.isArray(body.messages)) {
      return reply(res, 400, {
        error: { message: "messages is required", type: "invalid_request_error", param: "messages" },
      });
    }
    const text = complete(body.messages);
    const id = `chatcmpl-${Date.now().toString(36)}`;
    const created = Math.floor(Date.now() / 1000);
    if (body.stream) {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      for (const piece of text.match(/\S+\s*/g) ?? []) {
        res.write(
          `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: MODEL_ID, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })}\n\n`,
        );
      }
      res.write(
        `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: MODEL_ID, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}\n\n`,
      );
      return res.end("data: [DONE]\n\n");
    }
    const tokens = text.split(/\s+/).length;
    return reply(res, 200, {
      id,
      object: "chat.completion",
      created,
      model: MODEL_ID,
      choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
      usage: { prompt_tokens: 0, completion_tokens: tokens, total_tokens: tokens },
    });
  }
  return reply(res, 404, { error: { message: "Not found", type: "invalid_request_error" } });
});

try {
  const env = getEnv();
  server.listen(env.MODEL_SERVER_PORT, "127.0.0.1", () => {
    console.log(
      JSON.stringify({
        level: 30,
        msg: "model server ready",
        url: `http://127.0.0.1:${env.MODEL_SERVER_PORT}/v1`,
      }),
    );
    process.send?.({ type: "ready" });
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} catch (err) {
  console.error(err instanceof EnvError ? err.message : err);
  process.exit(1);
}
