import { chatCalls, type ChatBlockedReason, type ChatCallStatus } from "@/db/schema";
import { db } from "@/lib/db";
import { groupCommit } from "@/lib/group-commit";
import { sampledForReview } from "./sampled-for-review";

export interface ChatCallIdentity {
  brandId: string;
  apiKeyId: string | null;
  userId: string | null;
  requestId: string;
  input: string;
  streamed: boolean;
  /** `performance.now()` when the call began. */
  startedAt: number;
  reviewSampleRate: number;
}

export interface ChatCallOutcome {
  status: ChatCallStatus;
  versionId?: string | null;
  arm?: string | null;
  servedBy?: string | null;
  blockedReason?: ChatBlockedReason | null;
  checkResults?: Record<string, unknown>;
  error?: string | null;
  output?: string | null;
  tokensIn?: number | null;
  tokensOut?: number | null;
}

type ChatCallRow = typeof chatCalls.$inferInsert;

/** Concurrent calls' records share one INSERT (lib/group-commit.ts); each waits for its commit. */
const writer = groupCommit<ChatCallRow, void>(async (rows) => {
  await db().insert(chatCalls).values(rows);
  return rows.map(() => undefined);
});

/**
 * Writes the one record of a chat call, durably before it resolves. Only completed calls are
 * sampled for review: blocked and failed ones already say what went wrong, and reviewers find
 * them by status.
 */
export function recordChatCall(who: ChatCallIdentity, outcome: ChatCallOutcome): Promise<void> {
  return writer.write({
    brandId: who.brandId,
    apiKeyId: who.apiKeyId,
    userId: who.userId,
    requestId: who.requestId,
    input: who.input,
    streamed: who.streamed,
    latencyMs: Math.round(performance.now() - who.startedAt),
    sampledForReview: outcome.status === "completed" && sampledForReview(who.requestId, who.reviewSampleRate),
    ...outcome,
    checkResults: outcome.checkResults ?? {},
  });
}

/** Waits for chat call records still being written (shutdown, tests). */
export function flushChatCalls(): Promise<void> {
  return writer.flush();
}
