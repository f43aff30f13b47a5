import type { Executor } from "@/db/client";
import { notifications, type NotificationKind } from "@/db/schema";
import { sendJobIn } from "@/lib/jobs/send-job-in";

export interface NewNotification {
  userId: string;
  brandId: string;
  kind: NotificationKind;
  contentItemId: string | null;
  title: string;
  body: string;
  /** Set where the same notice could be raised twice (a sweep): the second lands nowhere. */
  dedupeKey?: string;
}

/**
 * Stores notifications and queues each one's email, all in the caller's transaction: a
 * notice exists, and is emailed, exactly when the change it tells of commits. Returns the ids
 * of those stored (a duplicate by dedupe key is skipped).
 */
export async function notifyUsers(tx: Executor, rows: NewNotification[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const stored = await tx
    .insert(notifications)
    .values(rows.map((r) => ({ ...r, dedupeKey: r.dedupeKey ?? null })))
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  for (const { id } of stored) await sendJobIn(tx, "emailNotification", { notificationId: id });
  return stored.map((s) => s.id);
}
