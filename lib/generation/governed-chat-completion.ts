import type { Principal } from "@/lib/auth/principal";
import { runTextChecks } from "@/lib/brand/checks/run-text-checks";
import {
  failedOutcome,
  prepareChat,
  type ChatContext,
  type GovernedChatInput,
} from "@/lib/chat/prepare-chat";
import { AppError } from "@/lib/errors";
import { generate } from "@/lib/models/generate";
import { startShadow } from "@/lib/chat/start-shadow";

export { chatMessageSchema, governedChatInput, type GovernedChatInput } from "@/lib/chat/prepare-chat";

/**
 * One governed call: input checks (a blocked request never reaches a model), rollout
 * routing, the call with resilience and fallback, output checks (a blocked answer is never
 * returned), and in shadow mode a mirrored call to the candidate that is stored, not served.
 * Every outcome is recorded in chat_calls.
 */
export async function governedChatCompletion(
  principal: Principal | null,
  raw: GovernedChatInput,
  context: ChatContext = {},
) {
  const chat = await prepareChat(principal, raw, false, context);
  const { input, route } = chat;

  let result;
  try {
    result = await generate({
      brandId: input.brandId,
      target: { versionId: route.primaryVersionId },
      fallbackVersionId: route.fallbackVersionId,
      messages: input.messages,
      requestId: input.requestId,
    });
  } catch (err) {
    await chat.record(failedOutcome(err, { arm: route.arm }));
    throw err;
  }
  startShadow(chat, result.versionId);

  const outputChecks = runTextChecks({
    text: result.text,
    kit: chat.kit,
    channel: chat.channel,
    phase: "output",
  });
  const outputFindings = outputChecks.results.filter((r) => r.verdict !== "pass");
  const served = {
    versionId: result.versionId,
    arm: route.arm,
    servedBy: result.servedBy,
    output: result.text,
    tokensIn: result.usage.tokensIn,
    tokensOut: result.usage.tokensOut,
    checkResults: { input: chat.inputFindings, output: outputFindings },
  };
  if (outputChecks.blocked) {
    await chat.record({
      ...served,
      status: "blocked_output",
      blockedReason: {
        phase: "output",
        checks: outputFindings.map((r) => ({ checkId: r.checkId, explanation: r.explanation })),
      },
    });
    throw new AppError(
      "unprocessable",
      "The model's answer failed the brand's output checks and was withheld",
      {
        phase: "output",
        kitVersion: chat.kitVersion,
        versionId: result.versionId,
        arm: route.arm,
        servedBy: result.servedBy,
        score: outputChecks.score,
        blockedBy: outputChecks.blockedBy,
        results: outputFindings,
      },
    );
  }
  await chat.record({ ...served, status: "completed" });
  return {
    text: result.text,
    usage: result.usage,
    versionId: result.versionId,
    servedBy: result.servedBy,
    arm: route.arm,
    kitVersion: chat.kitVersion,
    checks: {
      input: { score: chat.inputChecks.score, legalReview: chat.inputChecks.legalReview },
      output: { score: outputChecks.score, legalReview: outputChecks.legalReview, results: outputFindings },
    },
  };
}
