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
import { withGenerationQuota } from "./api-auth";
import { toOpenAiEvents } from "./chat-stream";

const headers = z.object({
  "x-brandgate-brand": z.string().uuid(),
  "x-brandgate-unit": z.string().min(1).max(200).optional(),
  "x-brandgate-version": z.string().uuid().optional(),
  "x-brandgate-channel": channelSchema.optional(),
});

const body = z.object({
  model: z.string().min(1).max(200),
  messages: z.array(chatMessageSchema).min(1).max(50),
  stream: z
    .boolean()
    .optional()
    .describe(
      'Server-sent events in OpenAI\'s chunk format. Text is released a sentence or clause at a time, each only after the output checks pass; a blocked segment ends the stream with `finish_reason: "content_filter"`.',
    ),
  stream_options: z.object({ include_usage: z.boolean().optional() }).optional(),
  user: z.string().max(200).optional(),
});

const response = z.object({
  id: z.string(),
  object: z.literal("chat.completion"),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number().int(),
      message: z.object({ role: z.literal("assistant"), content: z.string() }),
      finish_reason: z.literal("stop"),
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
 * POST /api/v1/chat/completions: the OpenAI chat protocol, governed. The brand comes from
 * `x-brandgate-brand`; `x-brandgate-unit` makes routing sticky; `x-brandgate-version` pins a
 * version (admins only). Needs an API key with the `generate` scope and chat enabled (or a
 * signed-in session); each call takes one generation from the key's monthly quota.
 */
export async function registerChatRoutes(app: FastifyInstance): Promise<void> {
  app.addHook("onClose", () => flushChatCalls());
  app.withTypeProvider<ZodTypeProvider>().post(
    "/api/v1/chat/completions",
    {
      config: { auth: { scope: "generate", chat: true } },
      schema: {
        summary: "Governed chat completion",
        description:
          "Needs an API key with the `generate` scope and chat enabled; counts against its monthly generation quota. Honours `Idempotency-Key`.",
        tags: ["generation"],
        security: [{ apiKey: [] }],
        headers,
        body,
        response: {
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
      const session = req.principal;
      const requestId = String(req.id ?? randomUUID());
      const input = {
        brandId: h["x-brandgate-brand"],
        model: req.body.model,
        messages: req.body.messages,
        channel: h["x-brandgate-channel"],
        unitKey: h["x-brandgate-unit"] ?? req.body.user,
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
      const tokensIn = out.usage.tokensIn ?? 0;
      const tokensOut = out.usage.tokensOut ?? 0;
      return {
        id: `chatcmpl-${req.id}`,
        object: "chat.completion" as const,
        created: Math.floor(Date.now() / 1000),
        model: req.body.model,
        choices: [
          {
            index: 0,
            message: { role: "assistant" as const, content: out.text },
            finish_reason: "stop" as const,
          },
        ],
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
