import type { Metadata } from "next";
import Link from "next/link";
import { contentStatusEnum } from "@/db/schema";
import { CHANNELS } from "@/lib/brand/kit";
import { contentStatusLabel } from "@/lib/content/status-label";
import { listContent } from "@/lib/content/list-content";
import { PageHeader } from "../../_components/ui";
import { Forbidden, requireSection } from "../require-section";
import { ContentTable } from "./content-table";

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
      <PageHeader title="Library" description="Every content item, with its status and current revision.">
        <Link
          href="/library/placements"
          className="text-sm text-brand-700 underline-offset-2 hover:underline"
        >
          Placements
        </Link>
      </PageHeader>
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
                {contentStatusLabel(s)}
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
      <ContentTable rows={rows} caption="Content" emptyText="No content yet." />
    </>
  );
}
