import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { jsonPoster, PostTimeoutError, type JsonAnswer } from "@/lib/http/post-json";
import { publicFetch } from "@/lib/http/public-fetch";
import { assertPublicTarget } from "@/lib/http/target-guard";

export interface ConnectionTarget {
  baseUrl: string;
  /** The model id sent upstream. */
  modelName: string;
  /** Null when the endpoint needs none; never echoed back. */
  apiKey: string | null;
}

/** Which input a failure is about: the address, the key, or the upstream model name. */
export type ConnectionField = "baseUrl" | "secret" | "modelName";

export interface ConnectionReport {
  ok: boolean;
  /** The whole test, models listing and completion. */
  latencyMs: number;
  /** What GET {base}/models listed; null when the endpoint does not list models. */
  models: string[] | null;
  completion: { latencyMs: number; text: string; tokensIn: number | null; tokensOut: number | null } | null;
  error: { field: ConnectionField; message: string; status?: number } | null;
}

const TIMEOUT_MS = 10_000;
const trimSlash = (url: string) => url.replace(/\/+$/, "");

/** The built-in model server's address is the operator's own setting, trusted like the demo versions'. */
export function isOperatorModelUrl(baseUrl: string): boolean {
  return trimSlash(baseUrl) === trimSlash(getEnv().MODEL_BASE_URL);
}

/**
 * "Test connection": lists the endpoint's models and makes one tiny completion, through the
 * same SSRF guard as real calls (loopback and private addresses only when
 * MODEL_ALLOW_PRIVATE_BASE_URLS, or the operator's own MODEL_BASE_URL). Never throws for
 * what the endpoint does: the report names the field at fault and the endpoint's own words.
 */
export async function testConnection(target: ConnectionTarget): Promise<ConnectionReport> {
  const started = performance.now();
  const report = (rest: Omit<ConnectionReport, "latencyMs">): ConnectionReport => ({
    ...rest,
    latencyMs: Math.round(performance.now() - started),
    error: rest.error && { ...rest.error, message: redact(rest.error.message, target.apiKey) },
  });
  const trusted = isOperatorModelUrl(target.baseUrl);
  const allowPrivate = () => trusted || getEnv().MODEL_ALLOW_PRIVATE_BASE_URLS;
  try {
    await assertPublicTarget(target.baseUrl, { field: "baseUrl", what: "model base URL", allowPrivate });
  } catch (err) {
    const detail = err instanceof AppError ? detailOf(err) : (err as Error).message;
    return report({
      ok: false,
      models: null,
      completion: null,
      error: { field: "baseUrl", message: `refused by the SSRF guard: ${detail}` },
    });
  }
  const base = trimSlash(target.baseUrl);
  const headers: Record<string, string> = target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {};

  let models: string[] | null = null;
  try {
    const res = await publicFetch(allowPrivate)(`${base}/models`, {
      headers,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await res.text();
    if (res.status === 401 || res.status === 403) {
      return report({ ok: false, models, completion: null, error: keyError(res.status, text) });
    }
    if (res.ok) {
      models = listedModels(text);
      if (models && !models.includes(target.modelName)) {
        const shown = models.slice(0, 20).join(", ") || "none";
        return report({
          ok: false,
          models,
          completion: null,
          error: {
            field: "modelName",
            message: `unknown model "${target.modelName}"; the endpoint lists: ${shown}`,
          },
        });
      }
    }
    // Some endpoints (Azure deployments, some proxies) do not list models: the completion decides.
  } catch (err) {
    return report({ ok: false, models, completion: null, error: unreachable(err) });
  }

  const completionStarted = performance.now();
  let answer: JsonAnswer;
  try {
    answer = await jsonPoster(allowPrivate)(
      new URL(`${base}/chat/completions`),
      { model: target.modelName, messages: [{ role: "user", content: "Reply with OK." }], max_tokens: 5 },
      { headers, timeoutMs: TIMEOUT_MS },
    );
  } catch (err) {
    return report({ ok: false, models, completion: null, error: unreachable(err) });
  }
  if (answer.status === 401 || answer.status === 403) {
    return report({ ok: false, models, completion: null, error: keyError(answer.status, answer.text) });
  }
  if (answer.status < 200 || answer.status >= 300) {
    const field: ConnectionField =
      answer.status === 404 || answer.status === 400
        ? "modelName"
        : answer.status === 429
          ? "secret"
          : "baseUrl";
    return report({
      ok: false,
      models,
      completion: null,
      error: { field, status: answer.status, message: `${answer.status}: ${upstreamMessage(answer.text)}` },
    });
  }
  const body = answer.json as
    | {
        choices?: { message?: { content?: string | null } }[];
        usage?: { prompt_tokens?: number; completion_tokens?: number };
      }
    | undefined;
  if (!body || !Array.isArray(body.choices)) {
    return report({
      ok: false,
      models,
      completion: null,
      error: {
        field: "baseUrl",
        message: "answered 2xx but not with a chat completion (is this the /v1 base URL?)",
      },
    });
  }
  return report({
    ok: true,
    models,
    completion: {
      latencyMs: Math.round(performance.now() - completionStarted),
      text: String(body.choices[0]?.message?.content ?? "").slice(0, 200),
      tokensIn: body.usage?.prompt_tokens ?? null,
      tokensOut: body.usage?.completion_tokens ?? null,
    },
    error: null,
  });
}

function detailOf(err: AppError): string {
  const details = err.details as { message?: string }[] | undefined;
  return Array.isArray(details) && details[0]?.message ? details[0].message : err.message;
}

function keyError(status: number, text: string): ConnectionReport["error"] {
  return { field: "secret", status, message: `${status}: ${upstreamMessage(text)}` };
}

function unreachable(err: unknown): NonNullable<ConnectionReport["error"]> {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const why =
    err instanceof PostTimeoutError || (err as Error).name === "TimeoutError"
      ? `no answer within ${TIMEOUT_MS / 1000} s`
      : /^refused:/.test((err as Error).message)
        ? `refused by the SSRF guard: ${(err as Error).message.replace(/^refused: /, "")}`
        : (cause?.code ?? (err as { code?: string }).code ?? cause?.message ?? (err as Error).message);
  return { field: "baseUrl", message: why.startsWith("refused") ? why : `unreachable: ${why}` };
}

/** OpenAI's `{error:{message}}`, or the start of whatever else came back. */
function upstreamMessage(text: string): string {
  try {
    const json = JSON.parse(text) as { error?: { message?: string } | string; message?: string };
    const message = typeof json.error === "string" ? json.error : (json.error?.message ?? json.message);
    if (message) return message.slice(0, 500);
  } catch {
    // not JSON
  }
  return text.slice(0, 500) || "(empty body)";
}

function listedModels(text: string): string[] | null {
  try {
    const json = JSON.parse(text) as { data?: { id?: unknown }[] };
    if (!Array.isArray(json.data)) return null;
    return json.data.map((m) => m.id).filter((id): id is string => typeof id === "string");
  } catch {
    return null;
  }
}

/** An endpoint may echo the key it was sent; it never leaves this function. */
function redact(message: string, apiKey: string | null): string {
  return apiKey && apiKey.length >= 4 ? message.split(apiKey).join("[redacted]") : message;
}
