import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { generationAttempts } from "@/db/schema";
import { logger } from "@/lib/log";
import { outsideTrace } from "@/lib/tracing/in-span";
import type { AttemptRecord, AttemptRecorder } from "./recorder";

/**
 * Writes attempts to generation_attempts off the request path: records queue up and are
 * inserted in batches, one insert in flight at a time, the first row of a batch waiting up
 * to `delayMs` for company (a lone call then shares its statement and commit with the
 * calls of the next few milliseconds instead of paying one of its own). A failed insert is
 * logged and dropped; metrics losing a few rows beats generations failing because of them.
 */
export function dbRecorder(database: Database, maxBatch = 200, delayMs = 20): AttemptRecorder {
  let queue: AttemptRecord[] = [];
  let writing: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        // Outside any trace: a batch holds attempts of many calls, no one call's span.
        await outsideTrace(() => insertAttempts(database, batch));
      } catch (err) {
        logger().error({ err, rows: batch.length }, "could not record generation attempts");
      }
    }
  }

  function kick(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    writing ??= drain().finally(() => (writing = null));
    return writing;
  }

  return {
    record(attempt) {
      queue.push(attempt);
      if (queue.length >= maxBatch) void kick();
      else timer ??= setTimeout(() => void kick(), delayMs);
    },
    async flush() {
      while (writing || queue.length > 0) await kick();
    },
  };
}

/**
 * One statement, the rows as one JSON parameter: the query builder's multi-row VALUES cost
 * more CPU than the insert (bench/README.md, the chat lane's profile).
 */
function insertAttempts(database: Database, batch: AttemptRecord[]) {
  const rows = batch.map((a) => ({
    version_id: a.versionId,
    request_id: a.requestId,
    attempt: a.attempt,
    served_as: a.servedAs,
    started_at: a.startedAt.toISOString(),
    latency_ms: a.latencyMs,
    tokens_in: a.tokensIn,
    tokens_out: a.tokensOut,
    outcome: a.outcome,
    error_class: a.errorClass,
    http_status: a.httpStatus,
    upstream_request_id: a.upstreamRequestId,
    brand_id: a.brandId ?? null,
    api_key_id: a.apiKeyId ?? null,
    cost_micro_usd: a.costMicroUsd ?? 0,
  }));
  const columns = sql.raw(
    "version_id, request_id, attempt, served_as, started_at, latency_ms, tokens_in, tokens_out, outcome, error_class, http_status, upstream_request_id, brand_id, api_key_id, cost_micro_usd",
  );
  return database.execute(sql`
    insert into ${generationAttempts} (${columns})
    select ${columns} from jsonb_populate_recordset(null::generation_attempts, ${JSON.stringify(rows)}::jsonb)`);
}
