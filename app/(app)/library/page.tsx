import type { Metadata } from "next";
import Link from "next/link";
import { contentStatusEnum } from "@/db/schema";
import { CHANNELS } from "@/lib/brand/kit";
import { listContent } from "@/lib/content/list-content";
import { Badge, Card, PageHeader } from "../../_components/ui";
import { Forbidden, requireSection } from "../require-section";

export const metadata: Metadata = { title: "Library" };

export default async function LibraryPage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string; channel?: string }>;
}) {
  const access = await requireSection("library");
  if (!access.allowed) return <Forbidden />;
  const filters = await searchParams;
  const rows = await listContent(access.session, access.membership.brandId, filters as never);
  return (
    <>
      <PageHeader title="Library" description="Every content item, with its status and current revision." />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="filter-status" className="block text-sm font-medium text-slate-800">
            Status
          </label>
          <select
            id="filter-status"
            name="status"
            defaultValue={filters.status ?? ""}
            className="mt-1 rounded-md border border-slate-400 bg-white px-2.5 py-1.5 text-sm"
          >
            <option value="">Any</option>
            {contentStatusEnum.enumValues.map((s) => (
              <option key={s} value={s}>
                {s.replace("_", " ")}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-channel" className="block text-sm font-medium text-slate-800">
            Channel
          </label>
          <select
            id="filter-channel"
            name="channel"
            defaultValue={filters.channel ?? ""}
            className="mt-1 rounded-md border border-slate-400 bg-white px-2.5 py-1.5 text-sm"
          >
            <option value="">Any</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
        >
          Filter
        </button>
      </form>
      <Card className="p-0">
        {rows.length === 0 ? (
          <p className="p-6 text-sm text-slate-700">No content yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Content</caption>
            <thead className="border-b border-slate-200 text-slate-700">
              <tr>
                <th scope="col" className="px-6 py-3 font-medium">
                  Title
                </th>
                <th scope="col" className="px-6 py-3 font-medium">
                  Template
                </th>
                <th scope="col" className="px-6 py-3 font-medium">
                  Status
                </th>
                <th scope="col" className="px-6 py-3 font-medium">
                  Score
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
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
                  <td className="px-6 py-3">
                    <Badge>{r.status.replace("_", " ")}</Badge>
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
