import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { idempotencyKeys } from "@/db/schema";
import { canonicalJson } from "@/lib/canonical-json";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";

/** How long a key is remembered (Stripe: 24 h). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/**
 * A claim older than this whose request never finished (the process died mid-request) may be
 * taken over, so a crash does not block the key for a day.
 */
export const STALE_CLAIM_SECONDS = 300;

export const idempotencyKeyHeader = z
  .string()
  .trim()
  .min(1, "Idempotency-Key must not be empty")
  .max(255, "Idempotency-Key is at most 255 characters");

export interface ClaimInput {
  /** `key:<api key id>` or `user:<user id>`. */
  owner: string;
  key: string;
  method: string;
  path: string;
  body: unknown;
}

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type ClaimResult = { kind: "claimed"; id: string } | { kind: "replay"; response: StoredResponse };

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash("sha256")
    .update(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`)
    .digest("hex");
}

/**
 * Claims (owner, key) before the request runs. The unique index decides between concurrent
 * requests: exactly one insert wins and executes; the others replay its stored response
 * once it completed, or get 409 while it runs. Same key with another request → 422.
 */
export async function claimIdempotencyKey(raw: ClaimInput): Promise<ClaimResult> {
  const key = parseOrThrow(idempotencyKeyHeader, raw.key);
  const hash = requestHash(raw.method, raw.path, raw.body);
  for (let attempt = 0; attempt < 3; attempt++) {
    const [inserted] = await db()
      .insert(idempotencyKeys)
      .values({
        owner: raw.owner,
        key,
        requestHash: hash,
        state: "in_progress",
        expiresAt: sql`now() + make_interval(secs => ${IDEMPOTENCY_TTL_SECONDS})`,
      })
      .onConflictDoNothing({ target: [idempotencyKeys.owner, idempotencyKeys.key] })
      .returning({ id: idempotencyKeys.id });
    if (inserted) return { kind: "claimed", id: inserted.id };

    const [row] = await db()
      .select({
        id: idempotencyKeys.id,
        requestHash: idempotencyKeys.requestHash,
        state: idempotencyKeys.state,
        status: idempotencyKeys.responseStatus,
        headers: idempotencyKeys.responseHeaders,
        body: idempotencyKeys.responseBody,
        expired: sql<boolean>`${idempotencyKeys.expiresAt} <= now()`,
        stale: sql<boolean>`${idempotencyKeys.createdAt} < now() - make_interval(secs => ${STALE_CLAIM_SECONDS})`,
      })
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.owner, raw.owner), eq(idempotencyKeys.key, key)));
    if (!row) continue; // released (5xx) between our insert and select: try to claim again
    if (row.expired) {
      await db()
        .delete(idempotencyKeys)
        .where(and(eq(idempotencyKeys.id, row.id), sql`${idempotencyKeys.expiresAt} <= now()`));
      continue;
    }
    if (row.requestHash !== hash) {
      throw new AppError(
        "idempotency_key_reused",
        "This Idempotency-Key was already used with a different request (method, path or body)",
        { path: "Idempotency-Key" },
      );
    }
    if (row.state === "completed") {
      return {
        kind: "replay",
        response: { status: row.status!, headers: row.headers ?? {}, body: row.body ?? "" },
      };
    }
    if (row.stale) {
      // Compare-and-set takeover: of several retries after a crash, one wins.
      const [taken] = await db()
        .update(idempotencyKeys)
        .set({ createdAt: sql`now()` })
        .where(
          and(
            eq(idempotencyKeys.id, row.id),
            eq(idempotencyKeys.state, "in_progress"),
            sql`${idempotencyKeys.createdAt} < now() - make_interval(secs => ${STALE_CLAIM_SECONDS})`,
          ),
        )
        .returning({ id: idempotencyKeys.id });
      if (taken) return { kind: "claimed", id: taken.id };
    }
    throw new AppError(
      "idempotency_in_progress",
      "A request with this Idempotency-Key is still being processed; retry later",
      { path: "Idempotency-Key" },
      1,
    );
  }
  throw new AppError(
    "idempotency_in_progress",
    "This Idempotency-Key is contended; retry later",
    undefined,
    1,
  );
}
