/**
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, Azure, vLLM, Ollama, the built-in
 * server). Streamed calls go through the official SDK; a plain completion is one JSON POST
 * (lib/http/post-json.ts) — the SDK's fetch stack was the largest share of the chat lane's CPU —
 * whose failures are raised as the SDK's own error classes, so lib/models/resilience
 * classifies both lanes alike. No retries here, and the timeout is a backstop only: attempts,
 * timeouts and backoff are decided per model version in lib/models/resilience.
 */
import OpenAI from "openai";
import type {
  ChatCompletion,
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import { jsonPoster, PostTimeoutError, type PostJson } from "@/lib/http/post-json";
import type { GenerationParameters } from "../registry/generation-parameters";
import { slotRequest } from "./slot-instruction";
import { currentTraceCarrier } from "@/lib/tracing/trace-context";
import type { ModelProvider, ProviderRequest, StreamEvent } from "./types";

export interface OpenAICompatibleConfig {
  baseUrl: string;
  /** Null when the endpoint needs none (the built-in server, a local vLLM). */
  apiKey: string | null;
  modelName: string;
  parameters: GenerationParameters;
  /** Backstop for the SDK; the resilience policy's timeouts fire first. */
  sdkTimeoutMs: number;
  /** The transports; an admin-set base URL gets the SSRF-guarded ones (see create-provider). */
  fetch?: typeof fetch;
  post?: PostJson;
}

/** For operator-set (trusted) addresses: one keep-alive pool per process. */
let trustedPost: PostJson | undefined;

export function openAICompatibleProvider(config: OpenAICompatibleConfig): ModelProvider {
  const client = new OpenAI({
    baseURL: config.baseUrl,
    // The SDK insists on a key; "unused" keeps it from reading OPENAI_API_KEY from the environment.
    apiKey: config.apiKey ?? "unused",
    maxRetries: 0,
    timeout: config.sdkTimeoutMs,
    ...(config.fetch && { fetch: config.fetch }),
  });
  const p = config.parameters;
  const post = config.post ?? (trustedPost ??= jsonPoster());
  const completionsUrl = new URL(`${config.baseUrl.replace(/\/+$/, "")}/chat/completions`);
  const authorization = config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : undefined;

  function body(request: ProviderRequest): ChatCompletionCreateParamsBase {
    const { responseFormat, instruction } = slotRequest(request.responseFormat, p.structuredOutput);
    const s = request.sampling ?? {};
    const temperature = s.temperature ?? p.temperature;
    const topP = s.topP ?? p.topP;
    const maxTokens = s.maxTokens ?? p.maxTokens;
    return {
      model: config.modelName,
      // ChatMessage is OpenAI's message shape, less its unions (a tool turn carries tool_call_id).
      messages: (instruction
        ? [instruction, ...request.messages]
        : request.messages) as ChatCompletionMessageParam[],
      ...(temperature !== undefined && { temperature }),
      ...(topP !== undefined && { top_p: topP }),
      ...(maxTokens !== undefined && { max_tokens: maxTokens }),
      ...(s.stop?.length && { stop: s.stop }),
      ...(s.tools?.length && { tools: s.tools as ChatCompletionCreateParamsBase["tools"] }),
      ...(s.toolChoice !== undefined && {
        tool_choice: s.toolChoice as ChatCompletionCreateParamsBase["tool_choice"],
      }),
      ...(s.user !== undefined && { user: s.user }),
      ...(!responseFormat &&
        s.responseFormat && {
          response_format: s.responseFormat as ChatCompletionCreateParamsBase["response_format"],
        }),
      ...((request.seed ?? p.seed) !== undefined && { seed: request.seed ?? p.seed }),
      ...(p.presencePenalty !== undefined && { presence_penalty: p.presencePenalty }),
      ...(p.frequencyPenalty !== undefined && { frequency_penalty: p.frequencyPenalty }),
      ...(responseFormat && {
        response_format: responseFormat as ChatCompletionCreateParamsBase["response_format"],
      }),
    };
  }

  return {
    async complete(request) {
      const answer = await post(
        completionsUrl,
        { ...body(request), stream: false },
        {
          // The trace goes on to the model server (the built-in one records its own span).
          headers: { ...authorization, ...currentTraceCarrier() },
          signal: request.signal,
          timeoutMs: config.sdkTimeoutMs,
        },
      ).catch((err: unknown) => {
        if (request.signal.aborted) throw new OpenAI.APIUserAbortError();
        if (err instanceof PostTimeoutError) throw new OpenAI.APIConnectionTimeoutError();
        throw new OpenAI.APIConnectionError({ cause: err instanceof Error ? err : undefined });
      });
      if (answer.status < 200 || answer.status >= 300) {
        throw OpenAI.APIError.generate(
          answer.status,
          typeof answer.json === "object" && answer.json !== null ? answer.json : undefined,
          answer.json === undefined ? answer.text.slice(0, 500) || undefined : undefined,
          new Headers(answer.headers),
        );
      }
      const data = answer.json as ChatCompletion | undefined;
      if (typeof data !== "object" || data === null || !Array.isArray(data.choices))
        throw new Error("The model answered 2xx without a chat completion");
      const choice = data.choices[0];
      return {
        text: choice?.message?.content ?? "",
        ...(choice?.message?.tool_calls?.length && {
          toolCalls: choice.message.tool_calls.flatMap((c) =>
            c.type === "function"
              ? [
                  {
                    id: c.id,
                    type: "function" as const,
                    function: { name: c.function.name, arguments: c.function.arguments },
                  },
                ]
              : [],
          ),
        }),
        finishReason: choice?.finish_reason ?? null,
        tokensIn: data.usage?.prompt_tokens ?? null,
        tokensOut: data.usage?.completion_tokens ?? null,
        upstreamRequestId: answer.headers["x-request-id"] ?? data.id ?? null,
      };
    },

    async stream(request) {
      const { data, request_id } = await client.chat.completions
        .create(
          { ...body(request), stream: true, stream_options: { include_usage: true } },
          { signal: request.signal, headers: { ...currentTraceCarrier() } },
        )
        .withResponse();
      async function* events(): AsyncGenerator<StreamEvent> {
        let finishReason: string | null = null;
        let usage = { tokensIn: null as number | null, tokensOut: null as number | null };
        for await (const chunk of data) {
          const choice = chunk.choices[0];
          if (choice?.delta.content) yield { type: "delta", text: choice.delta.content };
          finishReason = choice?.finish_reason ?? finishReason;
          if (chunk.usage)
            usage = { tokensIn: chunk.usage.prompt_tokens, tokensOut: chunk.usage.completion_tokens };
        }
        yield { type: "done", finishReason, usage };
      }
      return { upstreamRequestId: request_id ?? null, events: events() };
    },
  };
}
