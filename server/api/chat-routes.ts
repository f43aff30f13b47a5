import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { checkResultSchema } from "@/lib/brand/checks/types";
import { channelSchema } from "@/lib/brand/kit";
import { chatMessageSchema, governedChatCompletion } from "@/lib/generation/governed-chat-completion";
import { actingSession, withGenerationQuota } from "./api-auth";

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
    .literal(false)
    .optional()
    .describe("Streaming is not offered on the governed path: output is checked whole."),
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
        response: { 200: response },
      },
    },
    async (req) => {
      const h = req.headers as z.infer<typeof headers>;
      const session = actingSession(req, h["x-brandgate-brand"]);
      const out = await withGenerationQuota(req, () =>
        governedChatCompletion(session, {
          brandId: h["x-brandgate-brand"],
          model: req.body.model,
          messages: req.body.messages,
          channel: h["x-brandgate-channel"],
          unitKey: h["x-brandgate-unit"] ?? req.body.user,
          overrideVersionId: h["x-brandgate-version"] ?? null,
          requestId: String(req.id ?? randomUUID()),
        }),
      );
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
