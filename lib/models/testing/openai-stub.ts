/**
 * An OpenAI look-alike on loopback for registration tests: GET /v1/models and POST
 * /v1/chat/completions answer as OpenAI does — a Bearer key checked (401 with OpenAI's
 * "Incorrect API key provided" body), `model_not_found` for models it does not list, a 429
 * with `retry-after` for the `rate-limited` model, and `usage` on every completion.
 */
import http from "node:http";
import { listen } from "@/lib/http/testing/listen";

export interface OpenAIStubOptions {
  apiKey: string;
  /** What GET /v1/models lists; `rate-limited` is listed too. */
  models: string[];
  /** The completion's text. */
  reply?: string;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    "content-type": "application/json",
    "x-request-id": `req_${Date.now()}`,
    ...headers,
  });
  res.end(JSON.stringify(body));
}

const error = (message: string, type: string, code: string | null) => ({
  error: { message, type, param: null, code },
});

export async function startOpenAIStub(options: OpenAIStubOptions) {
  const listed = [...options.models, "rate-limited"];
  const requests: { method: string; path: string; authorization: string | undefined }[] = [];
  const server = http.createServer(async (req, res) => {
    let raw = "";
    for await (const c of req) raw += c;
    const path = (req.url ?? "").split("?")[0]!;
    requests.push({ method: req.method ?? "", path, authorization: req.headers.authorization });
    if (req.headers.authorization !== `Bearer ${options.apiKey}`) {
      const shown = (req.headers.authorization ?? "").replace(/^Bearer /, "");
      return send(
        res,
        401,
        error(
          `Incorrect API key provided: ${shown.slice(0, 3)}***${shown.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          "invalid_request_error",
          "invalid_api_key",
        ),
      );
    }
    if (req.method === "GET" && path === "/v1/models") {
      return send(res, 200, {
        object: "list",
        data: listed.map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "stub" })),
      });
    }
    if (req.method === "POST" && path === "/v1/chat/completions") {
      const body = JSON.parse(raw || "{}") as { model?: string };
      if (body.model === "rate-limited") {
        return send(res, 429, error("Rate limit reached for requests", "requests", "rate_limit_exceeded"), {
          "retry-after": "20",
        });
      }
      if (!body.model || !listed.includes(body.model)) {
        return send(
          res,
          404,
          error(
            `The model \`${body.model}\` does not exist or you do not have access to it.`,
            "invalid_request_error",
            "model_not_found",
          ),
        );
      }
      return send(res, 200, {
        id: "chatcmpl-stub",
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [
          { index: 0, message: { role: "assistant", content: options.reply ?? "OK" }, finish_reason: "stop" },
        ],
        usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10 },
      });
    }
    send(res, 404, error("Not found", "invalid_request_error", null));
  });
  const { baseUrl, close } = await listen(server);
  return { baseUrl, close, requests };
}
