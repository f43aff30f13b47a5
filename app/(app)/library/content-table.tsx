import Link from "next/link";
import type { listContent } from "@/lib/content/list-content";
import { ContentStatusBadge } from "../../_components/content-status-badge";
import { Card, TableScroll } from "../../_components/ui";

type Row = Awaited<ReturnType<typeof listContent>>[number];

/** Content items as a table, with their status. */
export function ContentTable({
  rows,
  caption,
  emptyText,
}: {
  rows: Row[];
  caption: string;
  emptyText: string;
}) {
  const cell = "px-6 py-3";
  return (
    <Card className="p-0">
      {rows.length === 0 ? (
        <p className="p-6 text-sm text-slate-700">{emptyText}</p>
      ) : (
        <TableScroll label={caption}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{caption}</caption>
            <thead className="border-b border-slate-200 text-slate-700">
              <tr>
                {["Title", "Template", "Status", "Score"].map((h) => (
                  <th key={h} scope="col" className={`${cell} font-medium`}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-slate-100 last:border-0">
                  <td className={cell}>
                    <Link
                      href={`/library/${r.id}`}
                      className="font-medium text-brand-700 underline-offset-2 hover:underline"
                    >
                      {r.title}
                    </Link>
                  </td>
                  <td className={`${cell} text-slate-800`}>
                    {r.templateName} · {r.channel}
                  </td>
                  <td className={`${cell} text-slate-800`}>
                    <ContentStatusBadge status={r.status} />
                  </td>
                  <td className={`${cell} text-slate-800`}>{r.score ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Card>
  );
}
