import { randomInt } from "node:crypto";
import { BUILTIN_MODELS } from "./catalog";
import type { ChatRequest } from "./chat-request";
import { countTokens } from "./count-tokens";
import { seededRandom } from "@/lib/stats/create-rng";
import { hashString } from "./random";
import { readPrompt } from "./read-prompt";
import { writeSlots, writeText, type FieldShape } from "./write-copy";

export interface ChatCompletion {
  text: string;
  finishReason: "stop" | "length";
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

const JSON_DEFAULT_FIELDS = ["headline", "body", "cta"];

function truncateToTokens(text: string, max: number): string {
  let seen = 0;
  const out = text.replace(/[A-Za-z0-9]+|[^\sA-Za-z0-9]/g, (m) => (++seen <= max ? m : ""));
  return out.trimEnd();
}

function fieldShapes(format: ChatRequest["response_format"]): Record<string, FieldShape> {
  if (format?.type !== "json_schema") return {};
  const schema = format.json_schema.schema as
    { properties?: Record<string, FieldShape>; required?: string[] } | undefined;
  const required = new Set(schema?.required ?? []);
  return Object.fromEntries(
    Object.entries(schema?.properties ?? {}).map(([k, v]) => [k, { ...v, required: required.has(k) }]),
  );
}

/**
 * One completion from a built-in model. Deterministic given `seed`: the seed is folded with
 * the model id and the prompt, so the same request always gets the same copy.
 */
export function completeChat(request: ChatRequest): ChatCompletion | null {
  const spec = BUILTIN_MODELS[request.model];
  if (!spec) return null;
  const format = request.response_format;
  const schemaFields =
    format?.type === "json_schema" ? Object.keys(format.json_schema.schema?.properties ?? {}) : null;
  const prompt = readPrompt(request.messages, schemaFields?.length ? schemaFields : null);
  const seed = request.seed ?? randomInt(2 ** 31);
  const random = seededRandom(seed ^ hashString(spec.id + "\u0000" + prompt.brief));
  let text =
    format && format.type !== "text"
      ? JSON.stringify(
          writeSlots(prompt.fields ?? JSON_DEFAULT_FIELDS, prompt, spec, random, fieldShapes(format)),
        )
      : writeText(prompt, spec, random);
  const max = request.max_completion_tokens ?? request.max_tokens;
  let finishReason: ChatCompletion["finishReason"] = "stop";
  if (max !== null && max !== undefined && countTokens(text) > max) {
    text = truncateToTokens(text, max);
    finishReason = "length";
  }
  const promptTokens = request.messages.reduce((n, m) => n + countTokens(m.content) + 4, 0);
  const completionTokens = countTokens(text);
  return {
    text,
    finishReason,
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  };
}
