import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { checkResultSchema } from "@/lib/brand/checks/types";
import { channelSchema } from "@/lib/brand/kit";
import { prepareChat } from "@/lib/chat/prepare-chat";
import { flushChatCalls } from "@/lib/chat/record-chat-call";
import { streamGovernedChat } from "@/lib/chat/stream-governed-chat";
import { chatMessageSchema, governedChatCompletion } from "@/lib/generation/governed-chat-completion";
import { AppError } from "@/lib/errors";
import { withGenerationQuota } from "./api-auth";
import { callerBrand } from "./caller-brand";
import { openAiErrorSchema } from "./openai-errors";
import { toOpenAiEvents } from "./chat-stream";

const headers = z.object({
  "x-brandgate-brand": z
    .string()
    .uuid()
    .optional()
    .describe(
      "Optional with an API key (the key's brand is used; a different brand is a 403); required with a session",
    ),
  "x-brandgate-unit": z.string().min(1).max(200).optional(),
  "x-brandgate-version": z.string().uuid().optional(),
  "x-brandgate-channel": channelSchema
    .optional()
    .describe(
      "The channel whose limits the answer is checked against; defaults to the key's default channel",
    ),
});

/** What OpenAI's API accepts and this lane does not do: refused by name, never ignored. */
const UNSUPPORTED = [
  "parallel_tool_calls",
  "functions",
  "function_call",
  "logprobs",
  "top_logprobs",
  "logit_bias",
  "presence_penalty",
  "frequency_penalty",
  "audio",
  "modalities",
  "prediction",
  "web_search_options",
  "reasoning_effort",
  "service_tier",
  "store",
  "metadata",
] as const;

const responseFormat = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text") }),
  z.object({ type: z.literal("json_object") }),
  z.object({
    type: z.literal("json_schema"),
    json_schema: z.object({
      name: z.string().min(1).max(64),
      description: z.string().max(1000).optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

const bodyFields = z.object({
  model: z.string().min(1).max(200).describe("The model's slug (as `GET /api/v1/models` lists it), any case"),
  messages: z.array(chatMessageSchema).min(1).max(50),
  stream: z
    .boolean()
    .optional()
    .describe(
      'Server-sent events in OpenAI\'s chunk format. Text is released a sentence or clause at a time, each only after the output checks pass; a blocked segment ends the stream with `finish_reason: "content_filter"`.',
    ),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  user: z
    .string()
    .max(200)
    .optional()
    .describe("The end user: passed upstream, and the sticky routing unit unless `x-brandgate-unit` is sent"),
  response_format: responseFormat
    .nullish()
    .describe("`json_object` or `json_schema`: the answer is released only if it parses as JSON"),
  max_tokens: z.number().int().min(1).max(100_000).nullish(),
  max_completion_tokens: z.number().int().min(1).max(100_000).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  stop: z.union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).max(4)]).nullish(),
  seed: z.number().int().nullish(),
  n: z.number().int().min(1).max(8).nullish().describe("Choices, each checked on its own; 1 when streaming"),
  tools: z
    .array(
      z.object({
        type: z.literal("function"),
        function: z.object({
          name: z.string().min(1).max(64),
          description: z.string().max(2000).optional(),
          parameters: z.record(z.string(), z.unknown()).optional(),
          strict: z.boolean().nullish(),
        }),
      }),
    )
    .max(128)
    .nullish()
    .describe(
      "Passed upstream; each call's arguments are checked as output before release. Not with `stream: true`",
    ),
  tool_choice: z
    .union([
      z.enum(["none", "auto", "required"]),
      z.object({ type: z.literal("function"), function: z.object({ name: z.string().min(1).max(64) }) }),
    ])
    .nullish(),
});

const body = bodyFields
  // Any other field is refused by name below rather than ignored: OpenAI's own (UNSUPPORTED)
  // with "not supported by this lane", anything else as unknown.
  .loose()
  .superRefine((b, ctx) => {
    for (const [k, v] of Object.entries(b)) {
      if (k in bodyFields.shape || v === undefined || v === null) continue;
      const ours = (UNSUPPORTED as readonly string[]).includes(k);
      ctx.addIssue({
        code: "custom",
        path: [k],
        message: ours ? `\`${k}\` is not supported by this lane` : `\`${k}\` is not a chat completions field`,
      });
    }
    if (b.stream && b.tools?.length)
      ctx.addIssue({
        code: "custom",
        path: ["tools"],
        message: "`tools` with `stream: true` are not supported by this lane yet; call without streaming",
      });
    b.messages.forEach((m, i) => {
      if (m.role === "tool" && !m.tool_call_id)
        ctx.addIssue({
          code: "custom",
          path: ["messages", i, "tool_call_id"],
          message: "A `tool` message needs the `tool_call_id` it answers",
        });
      if (m.content === null && !(m.role === "assistant" && m.tool_calls?.length))
        ctx.addIssue({
          code: "custom",
          path: ["messages", i, "content"],
          message: "Only an assistant turn with tool_calls may have null content",
        });
    });
    if (b.stream && (b.n ?? 1) > 1)
      ctx.addIssue({
        code: "custom",
        path: ["n"],
        message: "`n` above 1 is not supported with `stream: true` on this lane",
      });
    if (b.max_tokens != null && b.max_completion_tokens != null && b.max_tokens !== b.max_completion_tokens)
      ctx.addIssue({
        code: "custom",
        path: ["max_completion_tokens"],
        message: "Send `max_tokens` or `max_completion_tokens`, not two different limits",
      });
  });

const response = z.object({
  id: z.string(),
  object: z.literal("chat.completion"),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number().int(),
      message: z.object({
        role: z.literal("assistant"),
        content: z.string().nullable(),
        refusal: z.string().nullable(),
        tool_calls: z
          .array(
            z.object({
              id: z.string(),
              type: z.literal("function"),
              function: z.object({ name: z.string(), arguments: z.string() }),
            }),
          )
          .optional(),
      }),
      finish_reason: z.enum(["stop", "length", "content_filter", "tool_calls"]),
      brandgate: z
        .object({ blocked_by: z.array(z.object({ check_id: z.string(), description: z.string() })) })
        .optional()
        .describe("On a withheld choice: the checks that withheld it"),
    }),
  ),
  usage: z.object({
    prompt_tokens: z.number().int(),
    completion_tokens: z.number().int(),
    total_tokens: z.number().int(),
  }),
  brandgate: z.object({
    version_id: z.string().uuid(),
    arm: z.enum(["stable", "candidate", "override"]),
    served_by: z.enum(["primary", "fallback"]),
    kit_version: z.number().int(),
    checks: z.object({
      input: z.object({ score: z.number(), legalReview: z.boolean() }),
      output: z.object({ score: z.number(), legalReview: z.boolean(), results: z.array(checkResultSchema) }),
    }),
  }),
});

/**
 * POST /api/v1/chat/completions: the OpenAI chat protocol, governed, drop-in for the official
 * clients: the brand is the key's (`x-brandgate-brand` optional, and must match), `model` is a
 * model's slug, the channel is `x-brandgate-channel` or the key's default (never a silent
 * one), and errors come in OpenAI's shape. `x-brandgate-unit` makes routing sticky;
 * `x-brandgate-version` pins a version (admins only). Needs an API key with the `generate` scope and chat enabled (or a
 * signed-in session); each call takes one generation from the key's monthly quota.
 */
export async function registerChatRoutes(app: FastifyInstance): Promise<void> {
  app.addHook("onClose", () => flushChatCalls());
  app.withTypeProvider<ZodTypeProvider>().post(
    "/api/v1/chat/completions",
    {
      config: { auth: { scope: "generate", chat: true }, openaiErrors: true },
      schema: {
        summary: "Governed chat completion",
        description:
          "Needs an API key with the `generate` scope and chat enabled; counts against its monthly generation quota. Honours `Idempotency-Key`.",
        tags: ["generation"],
        security: [{ apiKey: [] }],
        headers,
        body,
        response: {
          ...Object.fromEntries(
            [400, 401, 403, 404, 409, 413, 415, 422, 429].map((c) => [c, openAiErrorSchema]),
          ),
          "5XX": openAiErrorSchema,
          200: {
            description:
              "The completion (`application/json`), or with `stream: true` the `chat.completion.chunk` events (`text/event-stream`) ending in `data: [DONE]`",
            content: {
              "application/json": { schema: response },
              "text/event-stream": {
                schema: z.string().describe("`data: {chat.completion.chunk}` lines, then `data: [DONE]`"),
              },
            },
          },
        },
      },
    },
    async (req, reply) => {
      const h = req.headers as z.infer<typeof headers>;
      // The key's brand; a brand header, where sent, must name it.
      const brandId = callerBrand(req);
      const session = req.principal;
      const requestId = String(req.id ?? randomUUID());
      const b = req.body;
      const channel =
        h["x-brandgate-channel"] ?? (req.principal?.kind === "api-key" ? req.principal.defaultChannel : null);
      if (!channel)
        throw new AppError("validation_failed", "The request is not valid", [
          {
            path: "x-brandgate-channel",
            message:
              "Name the channel the answer is for in the x-brandgate-channel header, or give the API key a default channel",
          },
        ]);
      const stop = b.stop == null ? undefined : typeof b.stop === "string" ? [b.stop] : b.stop;
      const format = b.response_format?.type === "text" ? undefined : (b.response_format ?? undefined);
      const input = {
        brandId,
        model: b.model,
        messages: b.messages,
        channel,
        n: b.n ?? 1,
        seed: b.seed ?? undefined,
        sampling: {
          temperature: b.temperature ?? undefined,
          topP: b.top_p ?? undefined,
          maxTokens: b.max_completion_tokens ?? b.max_tokens ?? undefined,
          stop,
          user: b.user,
          tools: b.tools ?? undefined,
          toolChoice: b.tool_choice ?? undefined,
          responseFormat: format
            ? format.type === "json_object"
              ? format
              : {
                  type: "json_schema" as const,
                  json_schema: {
                    name: format.json_schema.name,
                    schema: format.json_schema.schema,
                    strict: format.json_schema.strict ?? undefined,
                  },
                }
            : undefined,
        },
        unitKey: h["x-brandgate-unit"] ?? b.user,
        overrideVersionId: h["x-brandgate-version"] ?? null,
        requestId,
      };
      const context = {
        brandStateVersion: req.principal?.kind === "api-key" ? req.principal.brandStateVersion : undefined,
      };
      if (req.body.stream) {
        // Everything up to the first checked segment happens before the 200 is committed, so a
        // refusal (input checks, no model answering) is the usual JSON error, not a stream.
        const upstream = new AbortController();
        const { events, first } = await withGenerationQuota(req, async () => {
          const events = streamGovernedChat(
            await prepareChat(session, input, true, context),
            upstream.signal,
          );
          return { events, first: await events.next() };
        });
        reply.raw.on("close", () => {
          if (!reply.raw.writableFinished) upstream.abort();
        });
        const body = Readable.from(
          toOpenAiEvents(first, events, {
            id: `chatcmpl-${req.id}`,
            model: req.body.model,
            requestId,
            includeUsage: req.body.stream_options?.include_usage === true,
          }),
        );
        return (
          reply
            .code(200)
            .headers({ "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" })
            // The typed reply knows the schema's string; Fastify pipes a stream as it is.
            .send(body as unknown as string)
        );
      }
      const out = await withGenerationQuota(req, () => governedChatCompletion(session, input, context));
      const tokensIn = out.usage.tokensIn;
      const tokensOut = out.usage.tokensOut;
      return {
        id: `chatcmpl-${req.id}`,
        object: "chat.completion" as const,
        created: Math.floor(Date.now() / 1000),
        model: req.body.model,
        choices: out.choices.map((c) => ({
          index: c.index,
          message: {
            role: "assistant" as const,
            content: c.text,
            refusal:
              c.finishReason === "content_filter"
                ? "Withheld: this answer failed the brand's output checks"
                : null,
            ...(c.toolCalls.length > 0 && { tool_calls: c.toolCalls }),
          },
          finish_reason: c.finishReason,
          ...(c.blockedBy.length > 0 && {
            brandgate: {
              blocked_by: c.blockedBy.map((x) => ({ check_id: x.checkId, description: x.description })),
            },
          }),
        })),
        usage: {
          prompt_tokens: tokensIn,
          completion_tokens: tokensOut,
          total_tokens: tokensIn + tokensOut,
        },
        brandgate: {
          version_id: out.versionId,
          arm: out.arm,
          served_by: out.servedBy,
          kit_version: out.kitVersion,
          checks: out.checks,
        },
      };
    },
  );
}
