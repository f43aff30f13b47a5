import { TEXT_CHECKS } from "@/lib/brand/checks/registry";
import { runTextChecks, type TextChecksReport } from "@/lib/brand/checks/run-text-checks";
import { attemptsCost } from "@/lib/models/cost";
import { generateStream } from "@/lib/models/generate";
import { toUpstreamMessages } from "./chat-messages";
import { ClauseBuffer } from "./clause-buffer";
import { failedOutcome, type PreparedChat } from "./prepare-chat";
import type { ChatCallOutcome } from "./record-chat-call";
import { startShadow } from "./start-shadow";

/**
 * Checks that judge the answer as a whole, not a prefix of it: a disclaimer belongs at the
 * end, so every prefix lacks it. They run once, on the whole text, before the last segment.
 */
const WHOLE_TEXT_ONLY = ["required-disclaimers"];

/** The pseudo-check that holds back an answer a JSON response_format asked for but did not get. */
export const JSON_FORMAT_CHECK = "response-format-json";

export function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export interface BlockingCheck {
  checkId: string;
  /** The check's own description: safe to show, unlike its explanation, which quotes the text. */
  description: string;
}

export type GovernedChatStreamEvent =
  | { type: "text"; text: string }
  | {
      type: "blocked";
      checks: BlockingCheck[];
      /** Known when the whole answer had arrived; null when the upstream was cut off mid-answer. */
      usage: { tokensIn: number | null; tokensOut: number | null };
    }
  | {
      type: "done";
      usage: { tokensIn: number | null; tokensOut: number | null };
      finishReason?: string | null;
      versionId: string;
      servedBy: "primary" | "fallback";
      arm: string;
    };

/**
 * The streamed lane after `prepareChat`: model text is released one sentence or clause at a
 * time (ClauseBuffer), each only after the output checks pass on everything released so far
 * plus that segment. Checking the growing prefix rather than the segment alone means a
 * phrase that straddles segments, or a length limit, is still caught; the cost is quadratic
 * in the number of segments, which for chat answers (a few kB) is microseconds per segment.
 * Before the held remainder is released, the full checks (disclaimers and the score
 * included) run on the whole answer.
 *
 * A blocked segment ends the stream: the client has what was released before it (which
 * passed), never the blocked text; the upstream is aborted (leaving the loop returns the
 * gateway's generator, which aborts its request). The choice trades a truncated answer for
 * never serving unchecked text — rewriting or skipping the segment would serve an answer the
 * model did not give. Throws only before any text (a GenerationError that the route answers
 * as a JSON error) or after (the route ends the stream with an error event); either way the
 * call is recorded, including when the client goes away mid-stream.
 */
export async function* streamGovernedChat(
  chat: PreparedChat,
  signal?: AbortSignal,
): AsyncGenerator<GovernedChatStreamEvent> {
  const { input, route } = chat;
  const buffer = new ClauseBuffer();
  let received = "";
  let released = "";
  let leg: { versionId: string; servedBy: "primary" | "fallback" } | null = null;
  const outcomeBase = (report?: TextChecksReport): Omit<ChatCallOutcome, "status"> => ({
    versionId: leg?.versionId ?? null,
    servedBy: leg?.servedBy ?? null,
    arm: route.arm,
    output: received,
    checkResults: {
      input: chat.inputFindings,
      output: report?.results.filter((r) => r.verdict !== "pass") ?? [],
    },
  });
  const check = (text: string, skip?: string[]) =>
    runTextChecks({ text, kit: chat.kit, channel: chat.channel, phase: "output", skip });
  const blocked = async (
    report: TextChecksReport,
    usage: { tokensIn: number | null; tokensOut: number | null } = { tokensIn: null, tokensOut: null },
    extra: BlockingCheck[] = [],
  ): Promise<GovernedChatStreamEvent> => {
    const failing = report.blocked
      ? report.results.filter((r) =>
          report.blockedBy.length > 0 ? report.blockedBy.includes(r.checkId) : r.verdict !== "pass",
        )
      : [];
    await chat.record({
      ...outcomeBase(report),
      status: "blocked_output",
      blockedReason: {
        phase: "output",
        checks: [
          ...failing.map((r) => ({ checkId: r.checkId, explanation: r.explanation })),
          ...extra.map((c) => ({ checkId: c.checkId, explanation: c.description })),
        ],
      },
    });
    return {
      type: "blocked",
      usage,
      checks: [
        ...failing.map((r) => ({
          checkId: r.checkId,
          description: TEXT_CHECKS.find((c) => c.id === r.checkId)?.description ?? r.checkId,
        })),
        ...extra,
      ],
    };
  };
  // A JSON answer is released whole or not at all: no prefix of it is JSON, so it cannot be
  // checked a clause at a time.
  const wantsJson = input.sampling.responseFormat !== undefined;

  try {
    for await (const event of generateStream({
      brandId: input.brandId,
      target: { versionId: route.primaryVersionId },
      fallbackVersionId: route.fallbackVersionId,
      messages: toUpstreamMessages(input.messages),
      requestId: input.requestId,
      apiKeyId: chat.apiKeyId,
      seed: input.seed,
      sampling: input.sampling,
      signal,
    })) {
      if (event.type === "delta") {
        leg = { versionId: event.versionId, servedBy: event.servedBy };
        received += event.text;
        if (wantsJson) continue;
        for (const segment of buffer.push(event.text)) {
          const report = check(released + segment, WHOLE_TEXT_ONLY);
          if (report.blocked) {
            yield await blocked(report);
            return;
          }
          released += segment;
          yield { type: "text", text: segment };
        }
        continue;
      }
      const { result } = event;
      leg = { versionId: result.versionId, servedBy: result.servedBy };
      startShadow(chat, result.versionId);
      const rest = wantsJson ? received : buffer.flush();
      const whole = check(released + rest);
      const notJson = wantsJson && !isJson(rest);
      if (whole.blocked || notJson) {
        yield await blocked(
          whole,
          result.usage,
          notJson
            ? [
                {
                  checkId: JSON_FORMAT_CHECK,
                  description: "The answer is not the JSON the request asked for",
                },
              ]
            : [],
        );
        return;
      }
      await chat.record({
        ...outcomeBase(whole),
        status: "completed",
        tokensIn: result.usage.tokensIn,
        tokensOut: result.usage.tokensOut,
        costMicroUsd: attemptsCost(result.attempts),
      });
      if (rest) yield { type: "text", text: rest };
      yield { type: "done", usage: result.usage, finishReason: result.finishReason, arm: route.arm, ...leg };
      return;
    }
  } catch (err) {
    await chat.record({ ...outcomeBase(), ...failedOutcome(err) });
    throw err;
  } finally {
    // Reached with nothing recorded only when the consumer stopped early (client gone).
    await chat.record({
      ...outcomeBase(),
      status: "failed",
      error: "client_closed: the client closed the stream before it ended",
    });
  }
}
