import { shadowOutputs } from "@/db/schema";
import type { BrandKit, Channel } from "@/lib/brand/kit";
import { runTextChecks } from "@/lib/brand/checks/run-text-checks";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { generate } from "@/lib/models/generate";
import type { ChatMessage } from "@/lib/models/providers/types";

export interface ShadowInput {
  brandId: string;
  modelId: string;
  versionId: string;
  primaryVersionId: string;
  requestId: string;
  messages: ChatMessage[];
  kit: BrandKit | null;
  channel: Channel;
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
  };
  try {
    const result = await generate({
      brandId: input.brandId,
      target: { versionId: input.versionId },
      messages: input.messages,
      requestId: `${input.requestId}:shadow`,
    });
    const checks = input.kit
      ? runTextChecks({ text: result.text, kit: input.kit, channel: input.channel, phase: "output" })
      : null;
    await db()
      .insert(shadowOutputs)
      .values({
        ...row,
        output: result.text,
        score: checks?.score ?? null,
        blocked: checks?.blocked ?? null,
        checkResults: checks?.results ?? null,
        latencyMs: Math.round(performance.now() - started),
      });
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
