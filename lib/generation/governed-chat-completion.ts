import type { Principal } from "@/lib/auth/principal";
import { runTextChecks, type TextChecksReport } from "@/lib/brand/checks/run-text-checks";
import { TEXT_CHECKS } from "@/lib/brand/checks/registry";
import type { CheckResult } from "@/lib/brand/checks/types";
import { toUpstreamMessages } from "@/lib/chat/chat-messages";
import {
  failedOutcome,
  prepareChat,
  type ChatContext,
  type GovernedChatInput,
} from "@/lib/chat/prepare-chat";
import { startShadow } from "@/lib/chat/start-shadow";
import { isJson, JSON_FORMAT_CHECK } from "@/lib/chat/stream-governed-chat";
import { AppError } from "@/lib/errors";
import { attemptsCost } from "@/lib/models/cost";
import { generate, type GenerationResult } from "@/lib/models/generate";
import type { ToolCall } from "@/lib/models/providers/types";

export { chatMessageSchema, governedChatInput, type GovernedChatInput } from "@/lib/chat/prepare-chat";

export interface GovernedChoice {
  index: number;
  /** Null when this choice was withheld (or the model only called tools). */
  text: string | null;
  /** The function calls the model asked for, released only after their arguments passed the checks. */
  toolCalls: ToolCall[];
  finishReason: "stop" | "length" | "content_filter" | "tool_calls";
  /** The checks that withheld it, when it was. */
  blockedBy: { checkId: string; description: string }[];
}

/** Output checks on one answer, plus the JSON check when the caller asked for JSON. */
function checkAnswer(
  answer: string,
  toolCalls: ToolCall[],
  chat: Awaited<ReturnType<typeof prepareChat>>,
): { report: TextChecksReport; findings: CheckResult[]; blockedBy: GovernedChoice["blockedBy"] } {
  // Tool-call arguments are output too (they go on to act in the caller's systems): checked
  // with the text, so a banned claim cannot leave in an argument instead.
  const text = [answer, ...toolCalls.map((c) => c.function.arguments)].filter((t) => t !== "").join("\n\n");
  const report = runTextChecks({ text, kit: chat.kit, channel: chat.channel, phase: "output" });
  const findings = report.results.filter((r) => r.verdict !== "pass");
  const blockedBy = report.blocked
    ? findings
        .filter((r) => (report.blockedBy.length > 0 ? report.blockedBy.includes(r.checkId) : true))
        .map((r) => ({
          checkId: r.checkId,
          description: TEXT_CHECKS.find((c) => c.id === r.checkId)?.description ?? r.checkId,
        }))
    : [];
  if (chat.input.sampling.responseFormat && !isJson(answer))
    blockedBy.push({
      checkId: JSON_FORMAT_CHECK,
      description: "The answer is not the JSON the request asked for",
    });
  return { report, findings, blockedBy };
}

/**
 * One governed call: input checks over every message the caller wrote (a blocked request
 * never reaches a model), rollout routing, `n` calls with resilience and fallback, output
 * checks on each answer on its own (a blocked answer is never returned; with `n` > 1 the
 * others still are), and in shadow mode a mirrored call to the candidate that is stored, not
 * served. The call is recorded once in chat_calls, with the first answer served.
 */
export async function governedChatCompletion(
  principal: Principal | null,
  raw: GovernedChatInput,
  context: ChatContext = {},
) {
  const chat = await prepareChat(principal, raw, false, context);
  const { input, route } = chat;

  let results: GenerationResult[];
  try {
    results = await Promise.all(
      Array.from({ length: input.n }, () =>
        generate({
          brandId: input.brandId,
          target: { versionId: route.primaryVersionId },
          fallbackVersionId: route.fallbackVersionId,
          messages: toUpstreamMessages(input.messages),
          requestId: input.requestId,
          apiKeyId: chat.apiKeyId,
          seed: input.seed,
          sampling: input.sampling,
        }),
      ),
    );
  } catch (err) {
    await chat.record(failedOutcome(err, { arm: route.arm }));
    throw err;
  }
  const first = results[0]!;
  startShadow(chat, first.versionId);

  const checked = results.map((r) => ({ result: r, ...checkAnswer(r.text, r.toolCalls ?? [], chat) }));
  const choices: GovernedChoice[] = checked.map((c, index) => {
    const blocked = c.blockedBy.length > 0;
    const toolCalls = blocked ? [] : (c.result.toolCalls ?? []);
    return {
      index,
      text: blocked || (toolCalls.length > 0 && c.result.text === "") ? null : c.result.text,
      toolCalls,
      finishReason: blocked
        ? "content_filter"
        : toolCalls.length > 0
          ? "tool_calls"
          : c.result.finishReason === "length"
            ? "length"
            : "stop",
      blockedBy: c.blockedBy,
    };
  });
  const servedOne = checked.find((c) => c.blockedBy.length === 0);
  const shown = servedOne ?? checked[0]!;
  const tokensIn = results.reduce((n, r) => n + (r.usage.tokensIn ?? 0), 0);
  const tokensOut = results.reduce((n, r) => n + (r.usage.tokensOut ?? 0), 0);
  const served = {
    versionId: first.versionId,
    arm: route.arm,
    servedBy: first.servedBy,
    output: shown.result.text,
    tokensIn,
    tokensOut,
    costMicroUsd: attemptsCost(results.flatMap((r) => r.attempts)),
    checkResults: { input: chat.inputFindings, output: shown.findings },
  };
  if (!servedOne) {
    const blockedBy = checked.flatMap((c) => c.blockedBy);
    await chat.record({
      ...served,
      status: "blocked_output",
      blockedReason: {
        phase: "output",
        checks: shown.findings.map((r) => ({ checkId: r.checkId, explanation: r.explanation })),
      },
    });
    throw new AppError(
      "unprocessable",
      "The model's answer failed the brand's output checks and was withheld",
      {
        phase: "output",
        kitVersion: chat.kitVersion,
        versionId: first.versionId,
        arm: route.arm,
        servedBy: first.servedBy,
        score: shown.report.score,
        blockedBy: [...new Set(blockedBy.map((b) => b.checkId))],
        results: shown.findings,
      },
    );
  }
  await chat.record({ ...served, status: "completed" });
  return {
    text: servedOne.result.text,
    choices,
    usage: { tokensIn, tokensOut },
    versionId: first.versionId,
    servedBy: first.servedBy,
    arm: route.arm,
    kitVersion: chat.kitVersion,
    checks: {
      input: { score: chat.inputChecks.score, legalReview: chat.inputChecks.legalReview },
      output: {
        score: servedOne.report.score,
        legalReview: servedOne.report.legalReview,
        results: servedOne.findings,
      },
    },
  };
}
