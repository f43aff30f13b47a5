import { z } from "zod";

const content = z.union([
  z.string(),
  z.array(z.object({ type: z.string(), text: z.string().optional() })).transform((parts) =>
    parts
      .filter((p) => p.type === "text")
      .map((p) => p.text ?? "")
      .join("\n"),
  ),
]);

/** The subset of the chat-completions request the built-in server understands. */
export const chatRequestSchema = z.object({
  model: z.string().min(1),
  messages: z
    .array(z.object({ role: z.string(), content: content.nullish().transform((c) => c ?? "") }))
    .min(1),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  seed: z.number().int().nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().nullish(),
  response_format: z
    .discriminatedUnion("type", [
      z.object({ type: z.literal("text") }),
      z.object({ type: z.literal("json_object") }),
      z.object({
        type: z.literal("json_schema"),
        json_schema: z.object({
          name: z.string(),
          schema: z
            .object({ properties: z.record(z.string(), z.unknown()).optional() })
            .loose()
            .optional(),
        }),
      }),
    ])
    .nullish(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;
