import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/authorize";
import { diffKitVersions } from "@/lib/brand/kits/diff-kit-versions";
import { listKitVersions } from "@/lib/brand/kits/list-kit-versions";
import { DiffView } from "../../_components/diff-view";
import { Badge, Card, PageHeader, TableScroll } from "../../_components/ui";
import { DateTime } from "../../_components/date-time";
import { requestLocale } from "../../_components/request-locale";
import { KitSummary } from "./kit-summary";
import { Forbidden, requireSection } from "../require-section";
import { PublishButton } from "./publish-button";

export const metadata: Metadata = { title: "Brand" };

export default async function BrandPage({
  searchParams,
}: {
  /** `saved` is the version the editor just saved: the page says what happens next. */
  searchParams: Promise<{ from?: string; to?: string; saved?: string }>;
}) {
  const access = await requireSection("brand");
  const locale = await requestLocale();
  if (!access.allowed) return <Forbidden />;
  const { session, membership } = access;
  const versions = await listKitVersions(session, membership.brandId);
  const published = versions.find((v) => v.published);
  const params = await searchParams;
  const to = versions.find((v) => String(v.version) === params.to) ?? versions[0];
  const from = versions.find((v) => String(v.version) === params.from) ?? versions[1] ?? versions[0];
  const mayEdit = can(session, "brand-kit:edit", membership.brandId);
  const mayPublish = can(session, "brand-kit:publish", membership.brandId);
  const saved = versions.find((v) => String(v.version) === params.saved);

  return (
    <>
      <PageHeader
        title="Brand"
        description={
          published
            ? `${membership.brandName} · published kit v${published.version}`
            : `${membership.brandName} has no published kit yet.`
        }
      >
        {mayEdit && (
          <Link
            href="/brand/edit"
            className="rounded-md bg-brand-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-900"
          >
            Edit kit
          </Link>
        )}
      </PageHeader>

      {saved && (
        <div
          role="status"
          className={`mb-6 flex flex-wrap items-center justify-between gap-3 rounded-lg border p-4 text-sm ${
            saved.published
              ? "border-green-300 bg-green-50 text-green-950"
              : "border-amber-300 bg-amber-50 text-amber-950"
          }`}
        >
          {saved.published ? (
            <p>v{saved.version} is published: checks use it now.</p>
          ) : (
            <>
              <p>
                <strong className="font-semibold">Saved as v{saved.version} (draft).</strong> Publish it to
                make checks use it.{!mayPublish && " Ask someone who may publish the brand kit to do so."}
              </p>
              {mayPublish && (
                <PublishButton
                  brandId={membership.brandId}
                  versionId={saved.id}
                  version={saved.version}
                  label={`Publish v${saved.version}`}
                  primary
                />
              )}
            </>
          )}
        </div>
      )}

      {published && (
        <Card className="mb-6">
          <h2 className="mb-3 text-base font-semibold">Published kit (v{published.version})</h2>
          <KitSummary content={published.content} brandId={membership.brandId} />
        </Card>
      )}

      <Card className="mb-6 p-0">
        <h2 className="px-6 pt-5 text-base font-semibold">Version history</h2>
        <TableScroll label="Brand kit versions">
          <table className="mt-3 w-full text-left text-sm">
            <caption className="sr-only">Brand kit versions</caption>
            <thead className="border-b border-slate-200 text-slate-700">
              <tr>
                <th scope="col" className="px-6 py-2 font-medium">
                  Version
                </th>
                <th scope="col" className="px-6 py-2 font-medium">
                  Note
                </th>
                <th scope="col" className="px-6 py-2 font-medium">
                  Saved by
                </th>
                <th scope="col" className="px-6 py-2 font-medium">
                  Saved
                </th>
                <th scope="col" className="px-6 py-2 font-medium">
                  <span className="sr-only">Status</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id} className="border-b border-slate-100 last:border-0">
                  <td className="px-6 py-2 font-medium">v{v.version}</td>
                  <td className="px-6 py-2 text-slate-800">{v.note || "—"}</td>
                  <td className="px-6 py-2 text-slate-800">{v.author ?? "—"}</td>
                  <td className="px-6 py-2 text-slate-800">
                    <DateTime value={v.createdAt} locale={locale} />
                  </td>
                  <td className="px-6 py-2 text-right">
                    {v.published ? (
                      <Badge tone="green">Published</Badge>
                    ) : mayPublish ? (
                      <PublishButton brandId={membership.brandId} versionId={v.id} version={v.version} />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Card>

      {versions.length > 1 && from && to && (
        <Card>
          <h2 className="mb-3 text-base font-semibold">Compare versions</h2>
          <form className="mb-4 flex flex-wrap items-end gap-3" method="get">
            <VersionSelect
              name="from"
              label="From"
              value={from.version}
              versions={versions.map((v) => v.version)}
            />
            <VersionSelect
              name="to"
              label="To"
              value={to.version}
              versions={versions.map((v) => v.version)}
            />
            <button
              type="submit"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
            >
              Compare
            </button>
          </form>
          <DiffView
            lines={diffKitVersions(from.content, to.content)}
            label={`Changes from v${from.version} to v${to.version}`}
          />
        </Card>
      )}
    </>
  );
}

function VersionSelect({
  name,
  label,
  value,
  versions,
}: {
  name: string;
  label: string;
  value: number;
  versions: number[];
}) {
  return (
    <div>
      <label htmlFor={`diff-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={`diff-${name}`}
        name={name}
        defaultValue={value}
        className="mt-1 rounded-md border border-slate-400 bg-white px-2.5 py-1.5 text-sm"
      >
        {versions.map((v) => (
          <option key={v} value={v}>
            v{v}
          </option>
        ))}
      </select>
    </div>
  );
}
