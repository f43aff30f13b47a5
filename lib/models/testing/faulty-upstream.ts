/**
 * A real HTTP upstream on loopback that fails on purpose, for fault tests: each request
 * takes the next scripted behaviour (the last one repeats). It speaks just enough of the
 * chat-completions protocol for the openai client.
 */
import http from "node:http";
import { listen } from "@/lib/http/testing/listen";

export type Behaviour =
  /**
   * Answers `text` (`json` instead when the request asks for a `response_format`); streamed one
   * word per chunk, all at once or one every `everyMs`; nothing at all for `firstByteMs`.
   */
  | {
      kind: "ok";
      text?: string;
      json?: string;
      /** Answered instead of text (plain calls) when the request offers tools. */
      toolCalls?: { name: string; arguments: string }[];
      chunks?: number;
      everyMs?: number;
      firstByteMs?: number;
    }
  | { kind: "status"; status: number; headers?: Record<string, string> }
  | { kind: "reset" }
  | { kind: "hang" }
  /** Streams `after` chunks, then destroys the socket. */
  | { kind: "cut"; after: number }
  /** Streams one chunk per `everyMs` until the client goes away. */
  | { kind: "trickle"; everyMs: number };

export interface Hit {
  at: number;
  stream: boolean;
  /** Resolves when the client closed the connection before the response ended. */
  clientClosed: Promise<void>;
  /** The request body as sent, so a test can see what was passed upstream. */
  body: Record<string, unknown>;
}

function chunk(content: string | null, finish: string | null = null, usage?: object): string {
  const delta = content === null ? {} : { content };
  return `data: ${JSON.stringify({
    id: "chatcmpl-faulty",
    object: "chat.completion.chunk",
    created: 0,
    model: "faulty",
    choices: usage ? [] : [{ index: 0, delta, finish_reason: finish }],
    ...(usage && { usage }),
  })}\n\n`;
}

export async function startFaultyUpstream(script: Behaviour[]) {
  const hits: Hit[] = [];
  const server = http.createServer(async (req, res) => {
    let raw = "";
    for await (const c of req) raw += c;
    const request = JSON.parse(raw || "{}") as {
      stream?: unknown;
      response_format?: unknown;
      max_tokens?: unknown;
      tools?: unknown;
    };
    const stream = request.stream === true;
    const clientClosed = new Promise<void>((resolve) =>
      res.on("close", () => !res.writableFinished && resolve()),
    );
    hits.push({ at: performance.now(), stream, clientClosed, body: request });
    const b = script[Math.min(hits.length - 1, script.length - 1)]!;
    switch (b.kind) {
      case "hang":
        return;
      case "reset":
        return req.socket.destroy();
      case "status":
        res.writeHead(b.status, { "content-type": "application/json", ...b.headers });
        return res.end(JSON.stringify({ error: { message: `scripted ${b.status}`, type: "scripted" } }));
      case "cut":
      case "trickle": {
        res.writeHead(200, { "content-type": "text/event-stream" });
        let i = 0;
        const timer = setInterval(
          () => {
            if (b.kind === "cut" && i === b.after) {
              clearInterval(timer);
              return res.socket?.destroy();
            }
            res.write(chunk(`w${i++} `));
          },
          b.kind === "trickle" ? b.everyMs : 5,
        );
        res.on("close", () => clearInterval(timer));
        return;
      }
      case "ok": {
        if (b.firstByteMs) await new Promise((r) => setTimeout(r, b.firstByteMs));
        if (res.destroyed) return;
        const full = (request.response_format !== undefined ? b.json : undefined) ?? b.text ?? "fine copy";
        // max_tokens honoured as a real model would: counted in words, cut with finish "length".
        const words = full.match(/\S+\s*/g) ?? [];
        const max = typeof request.max_tokens === "number" ? request.max_tokens : Infinity;
        const text = words.length > max ? words.slice(0, max).join("").trimEnd() : full;
        const finish = words.length > max ? "length" : "stop";
        const usage = { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 };
        const calls = Array.isArray(request.tools) && b.toolCalls?.length ? b.toolCalls : null;
        if (!stream && calls) {
          res.writeHead(200, { "content-type": "application/json", "x-request-id": "req-ok" });
          return res.end(
            JSON.stringify({
              id: "chatcmpl-faulty",
              object: "chat.completion",
              created: 0,
              model: "faulty",
              choices: [
                {
                  index: 0,
                  message: {
                    role: "assistant",
                    content: null,
                    tool_calls: calls.map((c, i) => ({ id: `call_${i}`, type: "function", function: c })),
                  },
                  finish_reason: "tool_calls",
                },
              ],
              usage,
            }),
          );
        }
        if (!stream) {
          res.writeHead(200, { "content-type": "application/json", "x-request-id": "req-ok" });
          return res.end(
            JSON.stringify({
              id: "chatcmpl-faulty",
              object: "chat.completion",
              created: 0,
              model: "faulty",
              choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: finish }],
              usage,
            }),
          );
        }
        res.writeHead(200, { "content-type": "text/event-stream" });
        const pieces = (text.match(/\S+\s*/g) ?? []).map((p) => chunk(p));
        const ending = chunk(null, finish) + chunk(null, null, usage) + "data: [DONE]\n\n";
        if (b.everyMs === undefined) return res.end(pieces.join("") + ending);
        const timer = setInterval(() => {
          const next = pieces.shift();
          if (next !== undefined) return void res.write(next);
          clearInterval(timer);
          res.end(ending);
        }, b.everyMs);
        res.on("close", () => clearInterval(timer));
        return;
      }
    }
  });
  const { baseUrl, close } = await listen(server);
  return { baseUrl, hits, close };
}
