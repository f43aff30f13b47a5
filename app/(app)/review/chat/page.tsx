import type { Metadata } from "next";
import { type ChatReviewRow, listChatReviewQueue } from "@/lib/chat/list-chat-review-queue";
import { Badge, Card, PageHeader } from "../../../_components/ui";
import { DateTime } from "../../../_components/date-time";
import { requestLocale } from "../../../_components/request-locale";
import { Forbidden, requireSection } from "../../require-section";
import { ChatReviewForm } from "./chat-review-form";

export const metadata: Metadata = { title: "Chat review" };

function findingsOf(r: ChatReviewRow["checkResults"]) {
  return [...(r.input ?? []), ...(r.output ?? [])];
}

/** Chat calls sampled for after-the-fact review: what was asked, what was served, what the checks said. */
export default async function ChatReviewPage() {
  const access = await requireSection("review");
  const locale = await requestLocale();
  if (!access.allowed) return <Forbidden />;
  const calls = await listChatReviewQueue(access.session, { state: "open" });
  return (
    <>
      <PageHeader
        title="Chat review"
        description={`${calls.length} sampled chat ${calls.length === 1 ? "call" : "calls"} waiting for review, newest first.`}
      />
      {calls.length === 0 && <p className="text-sm text-slate-700">Nothing to review.</p>}
      <ul className="space-y-4">
        {calls.map((c) => (
          <li key={c.id}>
            <Card>
              <p className="text-xs text-slate-700">
                {c.brandName} · <DateTime value={c.createdAt} locale={locale} /> · request {c.requestId} ·{" "}
                {c.arm ?? "—"}
                {c.streamed && " · streamed"}
              </p>
              <h2 className="mt-2 text-sm font-semibold text-slate-900">Asked</h2>
              <p className="text-sm whitespace-pre-wrap text-slate-800">{c.input}</p>
              <h2 className="mt-2 text-sm font-semibold text-slate-900">Answered</h2>
              <p className="text-sm whitespace-pre-wrap text-slate-800">{c.output}</p>
              {findingsOf(c.checkResults).length > 0 && (
                <ul className="mt-2 space-y-1">
                  {findingsOf(c.checkResults).map((f, i) => (
                    <li key={i} className="text-sm text-slate-800">
                      <Badge tone={f.verdict === "fail" ? "red" : "slate"}>{f.checkId}</Badge> {f.explanation}
                    </li>
                  ))}
                </ul>
              )}
              <ChatReviewForm brandId={c.brandId} callId={c.id} />
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
