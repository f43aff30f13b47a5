import type { Metadata } from "next";
import Link from "next/link";
import { listAssets } from "@/lib/brand/assets/list-assets";
import { DateTime } from "../../_components/date-time";
import { requestLocale } from "../../_components/request-locale";
import { Card, PageHeader, TableScroll } from "../../_components/ui";
import { ScoreBadge } from "../../_components/score-badge";
import { Forbidden, requireSection } from "../require-section";
import { UploadPanel } from "./upload-panel";

export const metadata: Metadata = { title: "Assets" };

export default async function AssetsPage() {
  const access = await requireSection("assets");
  if (!access.allowed) return <Forbidden />;
  const brandId = access.membership.brandId;
  const rows = await listAssets(access.session, brandId);
  const locale = await requestLocale();
  return (
    <>
      <PageHeader
        title="Assets"
        description="Images and copy snippets, checked against the published brand kit."
      />
      <UploadPanel brandId={brandId} />
      <Card className="mt-6 p-0">
        {rows.length === 0 ? (
          <p className="p-6 text-sm text-slate-700">No assets uploaded yet.</p>
        ) : (
          <TableScroll label="Assets">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Assets</caption>
              <thead className="border-b border-slate-200 text-slate-700">
                <tr>
                  <th scope="col" className="px-6 py-3 font-medium">
                    Name
                  </th>
                  <th scope="col" className="px-6 py-3 font-medium">
                    Kind
                  </th>
                  <th scope="col" className="px-6 py-3 font-medium">
                    Details
                  </th>
                  <th scope="col" className="px-6 py-3 font-medium">
                    Uploaded
                  </th>
                  <th scope="col" className="px-6 py-3 font-medium">
                    Compliance
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.id} className="border-b border-slate-100 last:border-0">
                    <td className="px-6 py-3">
                      <span className="flex items-center gap-3">
                        {a.kind === "image" ? (
                          // alt is empty: the link beside it names the asset.
                          // eslint-disable-next-line @next/next/no-img-element -- a private, session-authorised asset route
                          <img
                            src={`/api/assets/${a.id}/thumbnail?brandId=${brandId}`}
                            alt=""
                            width={48}
                            height={48}
                            loading="lazy"
                            className="size-12 shrink-0 rounded border border-slate-200 bg-slate-50 object-contain"
                          />
                        ) : (
                          <span
                            aria-hidden="true"
                            className="flex size-12 shrink-0 items-center justify-center rounded border border-slate-200 bg-slate-50 text-xs text-slate-700"
                          >
                            Aa
                          </span>
                        )}
                        <Link
                          href={`/assets/${a.id}`}
                          className="font-medium text-brand-700 underline-offset-2 hover:underline"
                        >
                          {a.name}
                        </Link>
                      </span>
                    </td>
                    <td className="px-6 py-3 text-slate-800">{a.kind === "image" ? "Image" : "Copy"}</td>
                    <td className="px-6 py-3 text-slate-800">
                      {a.kind === "image"
                        ? `${a.mime.replace("image/", "").toUpperCase()} · ${a.width}×${a.height} · ${formatBytes(a.sizeBytes)}`
                        : formatBytes(a.sizeBytes)}
                    </td>
                    <td className="px-6 py-3 whitespace-nowrap text-slate-800">
                      <DateTime value={a.createdAt} locale={locale} />
                    </td>
                    <td className="min-w-56 px-6 py-3">
                      <ScoreBadge
                        score={a.score}
                        blocked={a.blocked}
                        legalReview={a.legalReview}
                        reason={a.blockedReason}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Card>
    </>
  );
}

function formatBytes(n: number): string {
  return n < 1024
    ? `${n} B`
    : n < 1024 * 1024
      ? `${(n / 1024).toFixed(1)} KB`
      : `${(n / 1024 / 1024).toFixed(1)} MB`;
}
