import { and, eq, isNull, sql } from "drizzle-orm";
import { notifications, users } from "@/db/schema";
import { db } from "@/lib/db";
import { itemLink } from "./item-link";
import { viewFor } from "./list-notifications";
import { mailer } from "./mailer";

export type EmailOutcome = "sent" | "already_sent" | "gone" | "smtp_off" | "user_disabled";

/**
 * Emails one notification to its user (the `notifications.email.v1` job). A system job about
 * one stored row: it sends only to that row's own user, re-read now, so a user disabled since
 * gets nothing. A failure to reach the SMTP server throws, and pg-boss retries with backoff.
 */
export async function emailNotification(input: { notificationId: string }): Promise<EmailOutcome> {
  const [row] = await db()
    .select({
      title: notifications.title,
      body: notifications.body,
      kind: notifications.kind,
      contentItemId: notifications.contentItemId,
      emailedAt: notifications.emailedAt,
      to: users.email,
      name: users.name,
      disabledAt: users.disabledAt,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(eq(notifications.id, input.notificationId));
  if (!row) return "gone";
  if (row.emailedAt) return "already_sent";
  if (row.disabledAt) return "user_disabled";
  const smtp = mailer();
  if (!smtp) return "smtp_off";
  const link = row.contentItemId ? itemLink(row.contentItemId, viewFor(row.kind)) : null;
  await smtp.transport.sendMail({
    from: smtp.from,
    to: { name: row.name, address: row.to },
    subject: row.title,
    text: [row.body, link ? `Open it in Brandgate: ${link}` : null, "", "— Brandgate"]
      .filter((l) => l !== null)
      .join("\n"),
  });
  await db()
    .update(notifications)
    .set({ emailedAt: sql`now()` })
    .where(and(eq(notifications.id, input.notificationId), isNull(notifications.emailedAt)));
  return "sent";
}
