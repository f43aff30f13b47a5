import { logger } from "@/lib/log";
import { runShadow } from "@/lib/models/routing/run-shadow";
import { toUpstreamMessages } from "./chat-messages";
import type { PreparedChat } from "./prepare-chat";

/** In shadow mode, mirrors the request to the candidate: stored and checked, never served. */
export function startShadow(chat: PreparedChat, primaryVersionId: string): void {
  if (!chat.route.shadowVersionId) return;
  const { input } = chat;
  void runShadow({
    brandId: input.brandId,
    modelId: chat.modelId,
    versionId: chat.route.shadowVersionId,
    primaryVersionId,
    requestId: input.requestId,
    messages: toUpstreamMessages(input.messages),
    kit: chat.kit,
    channel: chat.channel,
  }).catch((err: unknown) => logger().error({ err, requestId: input.requestId }, "shadow runner failed"));
}
