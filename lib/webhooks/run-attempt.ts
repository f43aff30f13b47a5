import { and, eq, sql } from "drizzle-orm";
import { webhookDeliveries, webhookDeliveryAttempts, webhookEvents, webhookSubscriptions } from "@/db/schema";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { webhookAttempts } from "@/lib/metrics/webhooks";
import { openSecret } from "@/lib/security/secret-box";
import { postWebhook, type PostResult } from "./post-webhook";
import { retryDelayMs } from "./retry-delay";
import { signatureHeader } from "./sign-payload";
import { assertPublicTarget } from "@/lib/http/target-guard";
import { inSpan, SpanKind } from "@/lib/tracing/in-span";
import { contextFromCarrier, currentTraceCarrier } from "@/lib/tracing/trace-context";

/** A delivery this process has claimed (its lease is running), as the claim returned it. */
export type ClaimedDelivery = {
  id: string;
  eventId: string;
  subscriptionId: string;
  attempts: number;
};

export type AttemptOutcome = "delivered" | "retrying" | "dead" | "skipped";

const MAX_ERROR_CHARS = 500;

/** A claim lasts the POST's timeout plus a margin; a worker that dies mid-attempt frees it by expiry. */
export function leaseSeconds(): number {
  return Math.ceil(getEnv().WEBHOOK_TIMEOUT_MS / 1000) + 30;
}

/**
 * Makes one HTTP attempt and records it; schedules the next attempt or settles the delivery.
 * The attempt is a span in the trace of the change that emitted the event (its stored
 * traceparent), and the POST carries this span's `traceparent` to the receiver.
 */
export async function runAttempt(claimed: ClaimedDelivery): Promise<AttemptOutcome> {
  const [row] = await db()
    .select({ event: webhookEvents, subscription: webhookSubscriptions })
    .from(webhookEvents)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, claimed.subscriptionId))
    .where(eq(webhookEvents.id, claimed.eventId));
  if (!row) return "skipped"; // deleted with its subscription or brand since the claim
  return inSpan(
    `webhook ${row.event.type}`,
    {
      kind: SpanKind.CLIENT,
      parent: contextFromCarrier({ traceparent: row.event.traceparent ?? undefined }),
      attributes: {
        "http.request.method": "POST",
        "brandgate.webhook.event_type": row.event.type,
        "brandgate.webhook.delivery_id": claimed.id,
        "brandgate.webhook.attempt": claimed.attempts + 1,
      },
    },
    async (span) => {
      const outcome = await attemptAndRecord(claimed, row);
      span?.setAttribute("brandgate.webhook.outcome", outcome);
      return outcome;
    },
  );
}

async function attemptAndRecord(
  claimed: ClaimedDelivery,
  row: { event: typeof webhookEvents.$inferSelect; subscription: typeof webhookSubscriptions.$inferSelect },
): Promise<AttemptOutcome> {
  const env = getEnv();

  const startedAt = new Date();
  let result: PostResult;
  if (!row.subscription.active) {
    result = { ok: false, status: null, error: "the subscription is disabled" };
  } else {
    const body = JSON.stringify({
      id: row.event.id,
      type: row.event.type,
      createdAt: row.event.createdAt.toISOString(),
      brandId: row.event.brandId,
      data: row.event.payload,
    });
    try {
      const url = await assertPublicTarget(row.subscription.url);
      const { previousSecretCiphertext: previous, previousSecretExpiresAt: until } = row.subscription;
      const secrets = [row.subscription.secretCiphertext];
      if (previous && until && until > startedAt) secrets.push(previous);
      const timestamp = Math.floor(startedAt.getTime() / 1000);
      // Standard Webhooks headers. webhook-id is the event's id, the same on every retry and
      // redelivery, so a receiver de-duplicates on it.
      const headers = {
        "content-type": "application/json",
        "user-agent": "Brandgate-Webhooks/1",
        "webhook-id": row.event.id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signatureHeader(secrets.map(openSigningSecret), row.event.id, timestamp, body),
        "brandgate-delivery-id": claimed.id,
        // Outside the signature: a receiver's tracing, not part of what the event says.
        ...currentTraceCarrier(),
      };
      result = await postWebhook(url, body, headers, env.WEBHOOK_TIMEOUT_MS);
    } catch (err) {
      // A refused target or an undecryptable secret is this attempt's failure, recorded like any
      // other; anything else is a bug or an outage, left to the caller.
      if (!(err instanceof AppError)) throw err;
      const prefix = err.code === "validation_failed" ? "refused: " : "";
      result = { ok: false, status: null, error: `${prefix}${err.message}` };
    }
  }
  const durationMs = Date.now() - startedAt.getTime();
  const attempts = claimed.attempts + 1;
  const error = result.ok ? null : result.error.slice(0, MAX_ERROR_CHARS);
  const disabled = !row.subscription.active;
  const outcome: AttemptOutcome = result.ok
    ? "delivered"
    : disabled || attempts >= env.WEBHOOK_MAX_ATTEMPTS
      ? "dead"
      : "retrying";
  const nextAttemptAt = new Date(Date.now() + retryDelayMs(attempts, env.WEBHOOK_RETRY_BASE_MS));

  const settled = await db().transaction(async (tx): Promise<AttemptOutcome> => {
    // Fenced on the attempt count: a redelivery or another claimer since our claim wins.
    const updated = await tx
      .update(webhookDeliveries)
      .set({
        attempts,
        status: outcome === "retrying" ? "pending" : outcome === "delivered" ? "delivered" : "dead",
        lastAttemptAt: startedAt,
        lastStatusCode: result.status,
        lastError: error,
        ...(outcome === "delivered" ? { deliveredAt: new Date() } : {}),
        ...(outcome === "retrying" ? { nextAttemptAt } : {}),
      })
      .where(
        and(
          eq(webhookDeliveries.id, claimed.id),
          eq(webhookDeliveries.status, "pending"),
          eq(webhookDeliveries.attempts, claimed.attempts),
        ),
      )
      .returning({ id: webhookDeliveries.id });
    // Recorded even when fenced out (the POST happened), unless the delivery is gone.
    await tx.execute(sql`
      insert into ${webhookDeliveryAttempts} (delivery_id, started_at, duration_ms, status_code, error)
      select id, ${startedAt.toISOString()}::timestamptz, ${durationMs}, ${result.status}, ${error}
        from ${webhookDeliveries} where id = ${claimed.id}`);
    if (updated.length === 0) return "skipped";
    logger().info(
      { delivery: claimed.id, attempt: attempts, outcome, status: result.status, ms: durationMs },
      "webhook attempt",
    );
    return outcome;
  });
  webhookAttempts.inc({ outcome: settled });
  return settled;
}

/** secret-box's own message names model versions; say which secret failed. */
function openSigningSecret(sealed: Buffer): string {
  try {
    return openSecret(sealed);
  } catch {
    throw new AppError(
      "internal",
      "The endpoint's signing secret cannot be decrypted (was AUTH_SECRET rotated?)",
    );
  }
}
