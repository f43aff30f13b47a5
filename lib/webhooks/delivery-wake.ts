import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { db } from "@/lib/db";

/** The channel a new pending delivery is announced on (emit-webhook-event.ts). */
const CHANNEL = "brandgate_webhook_deliveries";

/**
 * Announces new deliveries to every worker's dispatcher, in the caller's transaction: PostgreSQL
 * delivers the NOTIFY at commit, and not at all on rollback, so a dispatcher never wakes for rows
 * it cannot see yet.
 */
export async function announceDeliveries(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_notify(${CHANNEL}, '')`);
}

/**
 * Calls `wake` whenever deliveries are announced, and after each (re)connect of the listening
 * connection (announcements made while it was down are lost). postgres.js holds one connection
 * for it and reconnects by itself. Resolves to a function that stops listening.
 */
export async function onDeliveriesAnnounced(wake: () => void): Promise<() => Promise<void>> {
  const { unlisten } = await db().$client.listen(CHANNEL, () => wake(), wake);
  return unlisten;
}
