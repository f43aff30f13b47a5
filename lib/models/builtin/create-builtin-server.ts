/**
 * The built-in model server: the OpenAI chat-completions protocol over node:http, so the
 * gateway talks to it with the same client code as to any real provider. CPU only,
 * nothing fetched, loopback by default.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import { BUILTIN_MODELS } from "./catalog";
import { chatRequestSchema, type ChatRequest } from "./chat-request";
import { withServerSpan } from "@/lib/tracing/server-span";
import { completeChat, type ChatCompletion } from "./complete-chat";

const MAX_BODY_BYTES = 1_000_000;

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
  res.end(payload);
}

function sendError(res: http.ServerResponse, status: number, message: string, code: string, param?: string) {
  sendJson(res, status, { error: { message, type: "invalid_request_error", param: param ?? null, code } });
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RangeError("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function streamCompletion(res: http.ServerResponse, request: ChatRequest, done: ChatCompletion, id: string) {
  const created = Math.floor(Date.now() / 1000);
  const chunk = (choices: unknown[], extra: object = {}) =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: request.model, choices, ...extra })}\n\n`;
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
    "x-request-id": id,
  });
  let out = chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]);
  for (const piece of done.text.match(/\S+\s*|\s+/g) ?? []) {
    out += chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]);
  }
  out += chunk([{ index: 0, delta: {}, finish_reason: done.finishReason }]);
  if (request.stream_options?.include_usage) out += chunk([], { usage: done.usage });
  res.end(out + "data: [DONE]\n\n");
}

async function chatCompletions(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readBody(req));
  } catch (err) {
    return err instanceof RangeError
      ? sendError(res, 413, "Request body too large", "request_too_large")
      : sendError(res, 400, "The body must be JSON", "invalid_json");
  }
  const parsed = chatRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return sendError(
      res,
      400,
      `${issue.path.join(".")}: ${issue.message}`,
      "invalid_request",
      issue.path.join("."),
    );
  }
  const request = parsed.data;
  const done = completeChat(request);
  if (!done)
    return sendError(res, 404, `The model '${request.model}' does not exist`, "model_not_found", "model");
  const id = `chatcmpl-${randomUUID()}`;
  if (request.stream) return streamCompletion(res, request, done, id);
  res.setHeader("x-request-id", id);
  sendJson(res, 200, {
    id,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: done.text, refusal: null },
        finish_reason: done.finishReason,
        logprobs: null,
      },
    ],
    usage: done.usage,
  });
}

export function createBuiltinModelServer(): http.Server {
  // A span per request, continuing the gateway's trace (its traceparent header) when tracing is on.
  const server = http.createServer((req, res) =>
    withServerSpan(req, res, () => {
      const path = (req.url ?? "").split("?")[0];
      if (req.method === "GET" && path === "/v1/models") {
        return sendJson(res, 200, {
          object: "list",
          data: Object.values(BUILTIN_MODELS).map((m) => ({
            id: m.id,
            object: "model",
            created: 0,
            owned_by: "brandgate",
          })),
        });
      }
      if (req.method === "POST" && path === "/v1/chat/completions") {
        chatCompletions(req, res).catch(() => {
          if (!res.headersSent) sendError(res, 500, "The model server failed", "internal_error");
          else res.destroy();
        });
        return;
      }
      sendError(res, 404, "Not found", "not_found");
    }),
  );
  // Streams are short; keep-alive lets the gateway reuse connections.
  server.keepAliveTimeout = 30_000;
  return server;
}
