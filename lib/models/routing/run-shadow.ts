import { shadowOutputs } from "@/db/schema";
import type { CheckResult } from "@/db/schema/json/check-result";
import type { BrandKit, Channel } from "@/lib/brand/kit";
import { runTextChecks } from "@/lib/brand/checks/run-text-checks";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { generate, type GenerateOptions, type GenerationResult } from "@/lib/models/generate";
import type { ChatMessage } from "@/lib/models/providers/types";

/** What a lane's output checks made of the candidate's answer. */
export interface ShadowChecked {
  /** The answer as stored for reviewers (after the lane's safe fixes, if any). */
  output: string;
  score: number | null;
  blocked: boolean | null;
  checkResults: CheckResult[] | null;
}

export interface ShadowInput {
  brandId: string;
  modelId: string;
  versionId: string;
  primaryVersionId: string;
  requestId: string;
  messages: ChatMessage[];
  kit: BrandKit | null;
  channel: Channel;
  /** The generation pipeline asks for slots, as it did of the primary. */
  responseFormat?: GenerateOptions["responseFormat"];
  /** What was asked, for reviewers (the chat lane's is in chat_calls). */
  prompt?: string;
  /** The primary's answer to the same request (the chat lane's is in chat_calls). */
  primaryOutput?: string;
  /** The lane's own output checks; by default the text checks on the whole answer. */
  check?: (result: GenerationResult) => ShadowChecked;
}

/**
 * Mirrors one request to the candidate: its answer is checked like real output and stored
 * in shadow_outputs, never returned. Failures are stored as well. Returns when stored, so
 * callers may await it (tests) or leave it running (the request path).
 */
export async function runShadow(input: ShadowInput): Promise<void> {
  const started = performance.now();
  const row = {
    brandId: input.brandId,
    modelId: input.modelId,
    versionId: input.versionId,
    primaryVersionId: input.primaryVersionId,
    requestId: input.requestId,
    prompt: input.prompt ?? null,
    primaryOutput: input.primaryOutput ?? null,
  };
  try {
    const result = await generate({
      brandId: input.brandId,
      target: { versionId: input.versionId },
      messages: input.messages,
      responseFormat: input.responseFormat,
      requestId: `${input.requestId}:shadow`,
    });
    const checked = input.check ? input.check(result) : textChecks(input, result.text);
    await db()
      .insert(shadowOutputs)
      .values({ ...row, ...checked, latencyMs: Math.round(performance.now() - started) });
  } catch (err) {
    logger().warn({ err, requestId: input.requestId }, "shadow call failed");
    await db()
      .insert(shadowOutputs)
      .values({
        ...row,
        error: (err as Error).message.slice(0, 500),
        latencyMs: Math.round(performance.now() - started),
      })
      .catch((e: unknown) =>
        logger().error({ err: e, requestId: input.requestId }, "shadow result could not be stored"),
      );
  }
}

function textChecks(input: ShadowInput, text: string): ShadowChecked {
  const checks = input.kit
    ? runTextChecks({ text, kit: input.kit, channel: input.channel, phase: "output" })
    : null;
  return {
    output: text,
    score: checks?.score ?? null,
    blocked: checks?.blocked ?? null,
    checkResults: checks?.results ?? null,
  };
}
