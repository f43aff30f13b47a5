import { and, count, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { notifications, type NotificationKind } from "@/db/schema";
import { requireUser } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { itemLink } from "./item-link";

export const listNotificationsInput = z.object({ limit: z.number().int().min(1).max(200).default(50) });

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Where the notice points, relative to the app (an item's review or library page). */
  href: string | null;
  read: boolean;
  createdAt: Date;
}

/** The signed-in person's own notifications, newest first, with how many are unread. */
export async function listNotifications(
  principal: Principal | null,
  raw: z.input<typeof listNotificationsInput> = {},
): Promise<{ items: NotificationView[]; unread: number }> {
  const { limit } = parseOrThrow(listNotificationsInput, raw);
  const { user } = requireUser(principal);
  const [rows, [unread]] = await Promise.all([
    db()
      .select()
      .from(notifications)
      .where(eq(notifications.userId, user.id))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(limit),
    db()
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt))),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      href: r.contentItemId ? new URL(itemLink(r.contentItemId, viewFor(r.kind))).pathname : null,
      read: r.readAt !== null,
      createdAt: r.createdAt,
    })),
    unread: Number(unread?.n ?? 0),
  };
}

/** A decision is read by the item's author (the library); the rest by reviewers (the queue). */
export function viewFor(kind: NotificationKind): "review" | "library" {
  return kind === "review_decision" ? "library" : "review";
}
