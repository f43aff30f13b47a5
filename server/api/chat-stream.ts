import { toErrorBody } from "@/lib/errors";
import type { GovernedChatStreamEvent } from "@/lib/chat/stream-governed-chat";
import { logger } from "@/lib/log";
import { toOpenAiErrorBody } from "./openai-errors";

interface StreamMeta {
  id: string;
  model: string;
  requestId: string;
  includeUsage: boolean;
}

const data = (payload: unknown) => `data: ${JSON.stringify(payload)}\n\n`;

/**
 * The governed stream as OpenAI's server-sent events: `chat.completion.chunk`s, a last chunk
 * with the finish reason (and a `brandgate` field), an optional usage chunk, `[DONE]`. A
 * blocked segment ends it with `finish_reason: "content_filter"` and the blocking check ids
 * and descriptions, never the blocked text. A failure after the stream began is sent as an
 * `error` payload in OpenAI's shape, which the openai client raises as an APIError, then the
 * usage chunk when asked for and `[DONE]`.
 * Returning (the client went away) returns the governed stream, which aborts the upstream.
 */
export async function* toOpenAiEvents(
  first: IteratorResult<GovernedChatStreamEvent>,
  events: AsyncGenerator<GovernedChatStreamEvent>,
  meta: StreamMeta,
): AsyncGenerator<string> {
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: object, finishReason: string | null, extra: object = {}) =>
    data({
      id: meta.id,
      object: "chat.completion.chunk",
      created,
      model: meta.model,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
      ...extra,
    });
  const usageChunk = (usage: { tokensIn: number | null; tokensOut: number | null }) => {
    // Unknown counts (an upstream cut off mid-answer) are sent as 0: the client asked for a
    // usage chunk and gets one, with what is known.
    const tokensIn = usage.tokensIn ?? 0;
    const tokensOut = usage.tokensOut ?? 0;
    return data({
      id: meta.id,
      object: "chat.completion.chunk",
      created,
      model: meta.model,
      choices: [],
      usage: { prompt_tokens: tokensIn, completion_tokens: tokensOut, total_tokens: tokensIn + tokensOut },
    });
  };
  try {
    yield chunk({ role: "assistant", content: "" }, null);
    for (let next = first; !next.done; next = await events.next()) {
      const event = next.value;
      if (event.type === "text") {
        yield chunk({ content: event.text }, null);
      } else if (event.type === "blocked") {
        yield chunk({}, "content_filter", {
          brandgate: {
            blocked: true,
            message: "The rest of the answer failed the brand's output checks and was withheld",
            checks: event.checks.map((c) => ({ check_id: c.checkId, description: c.description })),
          },
        });
        if (meta.includeUsage) yield usageChunk(event.usage);
        yield "data: [DONE]\n\n";
        return;
      } else {
        yield chunk({}, event.finishReason === "length" ? "length" : "stop", {
          brandgate: { version_id: event.versionId, arm: event.arm, served_by: event.servedBy },
        });
        if (meta.includeUsage) yield usageChunk(event.usage);
        yield "data: [DONE]\n\n";
        return;
      }
    }
  } catch (err) {
    const mapped = toErrorBody(err, meta.requestId);
    if (mapped.unexpected) logger().error({ err, requestId: meta.requestId }, "chat stream failed");
    yield data(toOpenAiErrorBody(mapped.status, mapped.body));
    // Even a failed stream ends as the client was promised: usage if asked for, then [DONE].
    if (meta.includeUsage) yield usageChunk({ tokensIn: null, tokensOut: null });
    yield "data: [DONE]\n\n";
  } finally {
    await events.return(undefined);
  }
}
