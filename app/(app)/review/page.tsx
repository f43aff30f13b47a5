import type { Metadata } from "next";
import Link from "next/link";
import { listContent } from "@/lib/content/list-content";
import { Card, PageHeader } from "../../_components/ui";
import { Forbidden, requireSection } from "../require-section";

export const metadata: Metadata = { title: "Review" };

/**
 * Content waiting for review, oldest first. Decisions (stages, claims, four-eyes, audit)
 * arrive with the review-workflow issue; until then this is the queue to read.
 */
export default async function ReviewPage() {
  const access = await requireSection("review");
  if (!access.allowed) return <Forbidden />;
  const waiting = (
    await listContent(access.session, access.membership.brandId, { status: "in_review" })
  ).reverse();
  return (
    <>
      <PageHeader title="Review" description="Content waiting for review, oldest first." />
      <Card className="p-0">
        {waiting.length === 0 ? (
          <p className="p-6 text-sm text-slate-700">Nothing is waiting for review.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Content waiting for review</caption>
            <thead className="border-b border-slate-200 text-slate-700">
              <tr>
                <th scope="col" className="px-6 py-3 font-medium">
                  Title
                </th>
                <th scope="col" className="px-6 py-3 font-medium">
                  Template
                </th>
                <th scope="col" className="px-6 py-3 font-medium">
                  Waiting since
                </th>
                <th scope="col" className="px-6 py-3 font-medium">
                  Score
                </th>
              </tr>
            </thead>
            <tbody>
              {waiting.map((r) => (
                <tr key={r.id} className="border-b border-slate-100 last:border-0">
                  <td className="px-6 py-3">
                    <Link
                      href={`/library/${r.id}`}
                      className="font-medium text-brand-700 underline-offset-2 hover:underline"
                    >
                      {r.title}
                    </Link>
                  </td>
                  <td className="px-6 py-3 text-slate-800">
                    {r.templateName} · {r.channel}
                  </td>
                  <td className="px-6 py-3 text-slate-800">
                    {r.updatedAt.toISOString().slice(0, 16).replace("T", " ")}
                  </td>
                  <td className="px-6 py-3 text-slate-800">{r.score ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
