import { z } from "zod";
import type { ChatMessage } from "@/lib/models/providers/types";

/**
 * Content as OpenAI clients send it: a string, or a list of parts. Only text parts are
 * understood; an image or audio part is refused by name (a 400 naming the part), never
 * dropped, so a caller never gets an answer to a message the model did not see.
 */
const part = z
  .object({ type: z.string(), text: z.string().max(50_000).optional() })
  .loose()
  .superRefine((p, ctx) => {
    if (p.type !== "text")
      ctx.addIssue({
        code: "custom",
        path: ["type"],
        message: `Content parts of type "${p.type}" are not supported by this lane; send text parts only`,
      });
    else if (p.text === undefined)
      ctx.addIssue({ code: "custom", path: ["text"], message: "A text part needs `text`" });
  });
const content = z.union([z.string().max(50_000), z.array(part).min(1).max(100)]);

const toolCall = z.object({
  id: z.string().min(1).max(200),
  type: z.literal("function"),
  function: z.object({ name: z.string().min(1).max(64), arguments: z.string().max(50_000) }),
});

export const chatMessageSchema = z.object({
  role: z.enum(["system", "developer", "user", "assistant", "tool"]),
  /** Null only on an assistant turn that called tools. */
  content: content.nullable(),
  name: z.string().max(100).optional(),
  /** A `tool` message answers one of the assistant's tool calls. */
  tool_call_id: z.string().max(200).optional(),
  /** On an assistant turn: the calls it made, which the `tool` messages after it answer. */
  tool_calls: z.array(toolCall).max(20).optional(),
});
export type CallerChatMessage = z.infer<typeof chatMessageSchema>;

/** The roles whose text the caller wrote, and which the input checks therefore read. */
export const CALLER_ROLES = new Set(["system", "developer", "user", "tool"]);

export function messageText(m: CallerChatMessage): string {
  if (m.content === null) return "";
  return typeof m.content === "string" ? m.content : m.content.map((p) => p.text ?? "").join("\n");
}

/**
 * The messages as the upstream gets them: text joined, and `developer` sent as `system`,
 * which every OpenAI-compatible server understands (OpenAI treats the two alike for chat
 * models; vLLM and Ollama know only `system`).
 */
export function toUpstreamMessages(messages: readonly CallerChatMessage[]): ChatMessage[] {
  return messages.map((m) => ({
    role: m.role === "developer" ? "system" : m.role,
    content: messageText(m),
    ...(m.tool_calls?.length && { tool_calls: m.tool_calls }),
    ...(m.tool_call_id !== undefined && { tool_call_id: m.tool_call_id }),
  }));
}
