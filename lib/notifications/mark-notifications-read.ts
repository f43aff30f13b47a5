import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { notifications } from "@/db/schema";
import { requireUser } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";

export const markNotificationsReadInput = z.object({
  /** These notifications; all of the person's unread ones when absent. */
  ids: z.array(z.string().uuid()).min(1).max(200).optional(),
});

/**
 * Marks the signed-in person's notifications read. Only their own rows are touched: an id
 * of someone else's notification matches nothing, so it is neither marked nor confirmed to exist.
 */
export async function markNotificationsRead(
  principal: Principal | null,
  raw: z.input<typeof markNotificationsReadInput>,
): Promise<{ marked: number }> {
  const { ids } = parseOrThrow(markNotificationsReadInput, raw);
  const { user } = requireUser(principal);
  const marked = await db()
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notifications.userId, user.id),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, ids) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return { marked: marked.length };
}
