import { and, eq, or, sql } from "drizzle-orm";
import { z } from "zod";
import { models } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Session } from "@/lib/auth/types";
import { runTextChecks } from "@/lib/brand/checks/run-text-checks";
import { channelSchema } from "@/lib/brand/kit";
import { getPublishedKit } from "@/lib/brand/kits/get-published-kit";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { logger } from "@/lib/log";
import { generate } from "@/lib/models/generate";
import { resolveRoute } from "@/lib/models/routing/resolve-route";
import { runShadow } from "@/lib/models/routing/run-shadow";

export const chatMessageSchema = z.object({
  role: z.enum(["system", "user", "assistant"]),
  content: z.string().max(50_000),
});

export const governedChatInput = z.object({
  brandId: z.string().uuid(),
  /** A generation model of the brand, by id or by name. */
  model: z.string().min(1).max(200),
  messages: z.array(chatMessageSchema).min(1).max(50),
  channel: channelSchema.default("social"),
  unitKey: z.string().min(1).max(200).optional(),
  overrideVersionId: z.string().uuid().nullable().optional(),
  requestId: z.string().min(1).max(100),
});

export type GovernedChatInput = z.input<typeof governedChatInput>;

/**
 * One governed call: input checks (a blocked request never reaches a model), rollout
 * routing, the call with resilience and fallback, output checks (a blocked answer is never
 * returned), and in shadow mode a mirrored call to the candidate that is stored, not served.
 */
export async function governedChatCompletion(session: Session | null, raw: GovernedChatInput) {
  const input = parseOrThrow(governedChatInput, raw);
  authorize(session, "studio:use", input.brandId);
  const published = await getPublishedKit(input.brandId);
  if (!published) throw new AppError("conflict", "This brand has no published brand kit to check against");

  const prompt = input.messages
    .filter((m) => m.role === "user")
    .map((m) => m.content)
    .join("\n\n");
  const inputChecks = runTextChecks({
    text: prompt,
    kit: published.kit,
    channel: input.channel,
    phase: "input",
  });
  if (inputChecks.blocked) {
    throw new AppError("unprocessable", "The request failed the brand's input checks; no model was called", {
      phase: "input",
      kitVersion: published.version,
      score: inputChecks.score,
      blockedBy: inputChecks.blockedBy,
      results: inputChecks.results.filter((r) => r.verdict !== "pass"),
    });
  }

  const [model] = await db()
    .select({ id: models.id })
    .from(models)
    .where(
      and(
        eq(models.brandId, input.brandId),
        eq(models.kind, "generation"),
        or(eq(models.name, input.model), eq(sql`${models.id}::text`, input.model)),
      ),
    );
  if (!model)
    throw new AppError("not_found", `No generation model "${input.model}" in this brand`, { path: "model" });
  const route = await resolveRoute({
    brandId: input.brandId,
    modelId: model.id,
    unitKey: input.unitKey ?? input.requestId,
    overrideVersionId: input.overrideVersionId,
    session,
  });

  const result = await generate({
    brandId: input.brandId,
    target: { versionId: route.primaryVersionId },
    fallbackVersionId: route.fallbackVersionId,
    messages: input.messages,
    requestId: input.requestId,
  });
  if (route.shadowVersionId) {
    void runShadow({
      brandId: input.brandId,
      modelId: model.id,
      versionId: route.shadowVersionId,
      primaryVersionId: result.versionId,
      requestId: input.requestId,
      messages: input.messages,
      kit: published.kit,
      channel: input.channel,
    }).catch((err: unknown) => logger().error({ err, requestId: input.requestId }, "shadow runner failed"));
  }

  const outputChecks = runTextChecks({
    text: result.text,
    kit: published.kit,
    channel: input.channel,
    phase: "output",
  });
  if (outputChecks.blocked) {
    throw new AppError(
      "unprocessable",
      "The model's answer failed the brand's output checks and was withheld",
      {
        phase: "output",
        kitVersion: published.version,
        versionId: result.versionId,
        arm: route.arm,
        servedBy: result.servedBy,
        score: outputChecks.score,
        blockedBy: outputChecks.blockedBy,
        results: outputChecks.results.filter((r) => r.verdict !== "pass"),
      },
    );
  }
  return {
    text: result.text,
    usage: result.usage,
    versionId: result.versionId,
    servedBy: result.servedBy,
    arm: route.arm,
    kitVersion: published.version,
    checks: {
      input: { score: inputChecks.score, legalReview: inputChecks.legalReview },
      output: {
        score: outputChecks.score,
        legalReview: outputChecks.legalReview,
        results: outputChecks.results.filter((r) => r.verdict !== "pass"),
      },
    },
  };
}
