import { and, eq } from "drizzle-orm";
import { idempotencyKeys } from "@/db/schema";
import { db } from "@/lib/db";
import type { StoredResponse } from "./claim-idempotency-key";

/**
 * Records the outcome of a claimed request. A 5xx (or a response that could not be stored)
 * releases the key instead, so the client's retry runs again: a server failure is not an
 * answer worth replaying for a day. 4xx answers are stored and replayed, as Stripe does.
 */
export async function finishIdempotencyKey(id: string, response: StoredResponse | null): Promise<void> {
  if (!response || response.status >= 500) {
    await db()
      .delete(idempotencyKeys)
      .where(and(eq(idempotencyKeys.id, id), eq(idempotencyKeys.state, "in_progress")));
    return;
  }
  await db()
    .update(idempotencyKeys)
    .set({
      state: "completed",
      responseStatus: response.status,
      responseHeaders: response.headers,
      responseBody: response.body,
    })
    .where(and(eq(idempotencyKeys.id, id), eq(idempotencyKeys.state, "in_progress")));
}
