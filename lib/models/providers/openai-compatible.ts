/**
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, Azure, vLLM, Ollama, the built-in
 * server) through the official SDK. The SDK's own retries are off (`maxRetries: 0`) and its
 * timeout is a backstop only: attempts, timeouts and backoff are decided per model version
 * in lib/models/resilience.
 */
import OpenAI from "openai";
import type { ChatCompletionCreateParamsBase } from "openai/resources/chat/completions";
import type { GenerationParameters } from "../registry/generation-parameters";
import { slotRequest } from "./slot-instruction";
import type { ModelProvider, ProviderRequest, StreamEvent } from "./types";

export interface OpenAICompatibleConfig {
  baseUrl: string;
  /** Null when the endpoint needs none (the built-in server, a local vLLM). */
  apiKey: string | null;
  modelName: string;
  parameters: GenerationParameters;
  /** Backstop for the SDK; the resilience policy's timeouts fire first. */
  sdkTimeoutMs: number;
  /** The transport; an admin-set base URL gets the SSRF-guarded one (see create-provider). */
  fetch?: typeof fetch;
}

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

  function body(request: ProviderRequest): ChatCompletionCreateParamsBase {
    const { responseFormat, instruction } = slotRequest(request.responseFormat, p.structuredOutput);
    return {
      model: config.modelName,
      messages: instruction ? [instruction, ...request.messages] : request.messages,
      ...(p.temperature !== undefined && { temperature: p.temperature }),
      ...(p.topP !== undefined && { top_p: p.topP }),
      ...(p.maxTokens !== undefined && { max_tokens: p.maxTokens }),
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
      const { data, request_id } = await client.chat.completions
        .create({ ...body(request), stream: false }, { signal: request.signal })
        .withResponse();
      const choice = data.choices[0];
      return {
        text: choice?.message.content ?? "",
        finishReason: choice?.finish_reason ?? null,
        tokensIn: data.usage?.prompt_tokens ?? null,
        tokensOut: data.usage?.completion_tokens ?? null,
        upstreamRequestId: request_id ?? data.id ?? null,
      };
    },

    async stream(request) {
      const { data, request_id } = await client.chat.completions
        .create(
          { ...body(request), stream: true, stream_options: { include_usage: true } },
          { signal: request.signal },
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
