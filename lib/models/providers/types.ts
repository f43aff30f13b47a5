import type { z } from "zod";

/** A function call the model asked for, as OpenAI's protocol carries it. */
export interface ToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface ChatMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string;
  /** On an assistant turn that called tools (the chat lane passes the caller's history on). */
  tool_calls?: ToolCall[];
  /** On a `tool` turn: the call it answers. */
  tool_call_id?: string;
}

/** Structured output for a template: one field per slot, validated by this schema. */
export interface SlotFormat {
  /** Sent as the json_schema name: letters, digits, `_` and `-`. */
  name: string;
  schema: z.ZodObject;
}

/**
 * A caller's own sampling choices (the chat lane passes what an OpenAI client sent); each
 * one given overrides the version's parameter of the same name for this call.
 */
export interface ChatSampling {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stop?: string[];
  /** The end user, passed on for the provider's abuse monitoring. */
  user?: string;
  /** Function tools and the choice among them, passed through as the caller sent them. */
  tools?: unknown[];
  toolChoice?: unknown;
  /** The caller's response_format, sent when no slot format is asked for. */
  responseFormat?:
    | { type: "json_object" }
    | {
        type: "json_schema";
        json_schema: { name: string; schema?: Record<string, unknown>; strict?: boolean };
      };
}

export interface ProviderRequest {
  messages: ChatMessage[];
  responseFormat?: SlotFormat;
  signal: AbortSignal;
  /** Overrides the version's seed for this call: an evaluation gives two versions the same seeds. */
  seed?: number;
  sampling?: ChatSampling;
}

export interface ProviderUsage {
  tokensIn: number | null;
  tokensOut: number | null;
}

export interface ProviderResult extends ProviderUsage {
  text: string;
  /** The function calls the model asked for, when tools were offered. */
  toolCalls?: ToolCall[];
  finishReason: string | null;
  upstreamRequestId: string | null;
}

export type StreamEvent =
  { type: "delta"; text: string } | { type: "done"; finishReason: string | null; usage: ProviderUsage };

export interface ProviderStream {
  upstreamRequestId: string | null;
  events: AsyncIterator<StreamEvent>;
}

/**
 * One contract for every generation provider. Providers never retry, time out or fall back
 * on their own: that is lib/models/resilience's job, the same for all of them.
 */
export interface ModelProvider {
  complete(request: ProviderRequest): Promise<ProviderResult>;
  stream(request: ProviderRequest): Promise<ProviderStream>;
}
