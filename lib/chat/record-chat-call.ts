import { chatCalls, type ChatBlockedReason, type ChatCallStatus } from "@/db/schema";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { groupCommit } from "@/lib/group-commit";
import { logger } from "@/lib/log";
import { outsideTrace } from "@/lib/tracing/in-span";
import { sampledForReview } from "./sampled-for-review";
import type { ChatCheckFindings } from "@/db/schema/json/check-result";

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
  checkResults?: ChatCheckFindings;
  error?: string | null;
  output?: string | null;
  tokensIn?: number | null;
  tokensOut?: number | null;
  /** Micro-dollars of the call's model attempts (lib/models/cost.ts). */
  costMicroUsd?: number;
}

type ChatCallRow = typeof chatCalls.$inferInsert;

const COLUMNS = [
  "brand_id",
  "api_key_id",
  "user_id",
  "version_id",
  "arm",
  "served_by",
  "request_id",
  "status",
  "blocked_reason",
  "check_results",
  "error",
  "input",
  "output",
  "tokens_in",
  "tokens_out",
  "cost_micro_usd",
  "latency_ms",
  "streamed",
  "sampled_for_review",
] as const;
const COLUMN_LIST = sql.raw(COLUMNS.join(", "));

const toRecord = (r: ChatCallRow): Record<(typeof COLUMNS)[number], unknown> => ({
  brand_id: r.brandId,
  api_key_id: r.apiKeyId ?? null,
  user_id: r.userId ?? null,
  version_id: r.versionId ?? null,
  arm: r.arm ?? null,
  served_by: r.servedBy ?? null,
  request_id: r.requestId,
  status: r.status,
  blocked_reason: r.blockedReason ?? null,
  check_results: r.checkResults ?? {},
  error: r.error ?? null,
  input: r.input,
  output: r.output ?? null,
  tokens_in: r.tokensIn ?? null,
  tokens_out: r.tokensOut ?? null,
  cost_micro_usd: r.costMicroUsd ?? 0,
  latency_ms: r.latencyMs,
  streamed: r.streamed,
  sampled_for_review: r.sampledForReview ?? false,
});

/**
 * Concurrent calls' records share one INSERT (lib/group-commit.ts); each waits for its commit.
 * The rows go as one JSON parameter: building a multi-row VALUES list through the query
 * builder was most of drizzle's share of the lane's CPU.
 */
// Outside any trace: the statement holds many chat calls' rows, so it is no one call's span.
const writer = groupCommit<ChatCallRow, void>(
  (rows) =>
    outsideTrace(async () => {
      await db().execute(sql`
    insert into ${chatCalls} (${COLUMN_LIST})
    select ${COLUMN_LIST} from jsonb_populate_recordset(null::chat_calls, ${JSON.stringify(rows.map(toRecord))}::jsonb)`);
      return rows.map(() => undefined);
    }),
  {
    onBatchFailed: (err, calls) =>
      logger().warn({ err, calls }, "chat call records failed together; writing them one by one"),
  },
);

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
