import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { currentSession } from "../../_auth/session";
import { DateTime } from "../../_components/date-time";
import { requestLocale } from "../../_components/request-locale";
import { Badge, Card, PageHeader } from "../../_components/ui";
import { MarkAllRead } from "./mark-all-read";

export const metadata: Metadata = { title: "Notifications" };

const KIND_LABEL = {
  review_waiting: "Waiting for review",
  review_sla_due: "SLA",
  review_decision: "Decision",
} as const;

/** The signed-in person's own notifications (lib reads only theirs), newest first. */
export default async function NotificationsPage() {
  const session = await currentSession();
  if (!session) redirect("/signin");
  const { items, unread } = await listNotifications(session, { limit: 100 });
  const locale = await requestLocale();
  return (
    <>
      <PageHeader
        title="Notifications"
        description={unread === 0 ? "You are up to date." : `${unread} unread.`}
      >
        {unread > 0 && <MarkAllRead />}
      </PageHeader>
      <Card className="p-0">
        {items.length === 0 ? (
          <p className="p-6 text-sm text-slate-700">
            Nothing yet. You will hear here of items waiting for your review and of decisions on your content.
          </p>
        ) : (
          <ul className="divide-y divide-slate-200" aria-label="Notifications">
            {items.map((n) => (
              <li key={n.id} className={`p-4 ${n.read ? "" : "bg-brand-50"}`}>
                <div className="flex flex-wrap items-center gap-2">
                  <Badge
                    tone={
                      n.kind === "review_sla_due" ? "red" : n.kind === "review_decision" ? "green" : "blue"
                    }
                  >
                    {KIND_LABEL[n.kind]}
                  </Badge>
                  {!n.read && <Badge tone="slate">Unread</Badge>}
                  <DateTime value={n.createdAt} locale={locale} className="text-xs text-slate-700" />
                </div>
                <p className="mt-1 break-words text-sm font-medium text-slate-900">
                  {n.href ? (
                    <Link href={n.href} className="text-brand-700 underline hover:text-brand-900">
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </p>
                <p className="mt-0.5 break-words text-sm text-slate-700">{n.body}</p>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
