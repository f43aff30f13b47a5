import { and, count, eq, isNull } from "drizzle-orm";
import { notifications } from "@/db/schema";
import { requireUser } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";

/** How many of the signed-in person's own notifications are unread: the bell's badge. */
export async function countUnreadNotifications(principal: Principal | null): Promise<number> {
  const { user } = requireUser(principal);
  const [row] = await db()
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}
