import type { Metadata } from "next";
import Link from "next/link";
import type { AuditEntry } from "@/db/schema";
import { listAudit, type AuditPage } from "@/lib/audit/list-audit";
import { nameAuditEntries, type AuditNames } from "@/lib/audit/name-audit-entries";
import { AppError } from "@/lib/errors";
import { DateTime } from "../../../_components/date-time";
import { requestLocale } from "../../../_components/request-locale";
import { Button, Card, Input, Label, PageHeader, TableScroll } from "../../../_components/ui";
import { Forbidden, requireSection } from "../../require-section";
import { AuditDetails } from "./audit-details";
import { VerifyChainButton } from "./verify-chain-button";

export const metadata: Metadata = { title: "Audit log" };

const FILTERS = [
  { name: "actor", label: "Actor (email or id)", type: "text" },
  { name: "action", label: "Action starts with", type: "text" },
  { name: "targetType", label: "Target type", type: "text" },
  { name: "targetId", label: "Target id", type: "text" },
  { name: "from", label: "From (UTC)", type: "datetime-local" },
  { name: "to", label: "To (UTC)", type: "datetime-local" },
] as const;

type Search = Record<string, string | string[] | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const access = await requireSection("admin");
  if (!access.allowed) return <Forbidden />;
  const brandId = access.membership.brandId;
  const search = await searchParams;
  const filters = Object.fromEntries(
    FILTERS.map((f) => [f.name, first(search[f.name])?.trim() ?? ""]).filter(([, v]) => v !== ""),
  ) as Record<string, string>;
  const effective = Object.fromEntries(
    Object.entries(filters).map(([k, v]) => [k, k === "from" || k === "to" ? asUtc(v) : v]),
  ) as Record<string, string>;
  let page: AuditPage | null = null;
  let names: AuditNames = new Map();
  let error: string | null = null;
  try {
    page = await listAudit(access.session, {
      brandId,
      ...effective,
      before: first(search.before),
    });
    names = await nameAuditEntries(access.session, brandId, page.entries);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    error = err.message;
  }
  const query = (extra: Record<string, string>, base = filters) =>
    new URLSearchParams({ ...base, ...extra }).toString();
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to content, kits, templates, models, members and sign-ins, hash-chained so tampering shows."
      >
        <VerifyChainButton brandId={brandId} />
      </PageHeader>
      <Card className="mb-6">
        <form method="get" className="grid gap-4 sm:grid-cols-3">
          {FILTERS.map((f) => (
            <div key={f.name}>
              <Label htmlFor={`audit-${f.name}`}>{f.label}</Label>
              <Input
                id={`audit-${f.name}`}
                name={f.name}
                type={f.type}
                defaultValue={filters[f.name] ?? ""}
              />
            </div>
          ))}
          <div className="flex items-end gap-3 sm:col-span-3">
            <Button type="submit">Filter</Button>
            <Link href="/admin/audit" className="text-sm text-slate-700 underline">
              Clear
            </Link>
            <span className="ml-auto flex gap-3 text-sm">
              <a
                className="text-brand-700 underline"
                href={`/admin/audit/export?${query({ brandId, format: "csv" }, effective)}`}
              >
                Export CSV
              </a>
              <a
                className="text-brand-700 underline"
                href={`/admin/audit/export?${query({ brandId, format: "jsonl" }, effective)}`}
              >
                Export JSONL
              </a>
            </span>
          </div>
        </form>
      </Card>
      {error && (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
          {error}
        </p>
      )}
      {page && (
        <Card className="p-0">
          <TableScroll label="Audit entries, newest first">
            <AuditTable entries={page.entries} names={names} locale={await requestLocale()} />
          </TableScroll>
          {page.nextBefore !== null && (
            <div className="border-t border-slate-200 px-6 py-3 text-sm">
              <Link
                className="text-brand-700 underline"
                href={`/admin/audit?${query({ before: String(page.nextBefore) })}`}
              >
                Older entries
              </Link>
            </div>
          )}
        </Card>
      )}
    </>
  );
}

function AuditTable({
  entries,
  names,
  locale,
}: {
  entries: AuditEntry[];
  names: AuditNames;
  locale: string;
}) {
  if (entries.length === 0) return <p className="px-6 py-4 text-sm text-slate-700">No entries match.</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Audit entries, newest first</caption>
      <thead className="border-b border-slate-200 text-slate-700">
        <tr>
          {["#", "When", "Actor", "Action", "Target", "Details"].map((h) => (
            <th key={h} scope="col" className="px-4 py-3 font-medium">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.seq} className="border-b border-slate-100 align-top">
            <td className="px-4 py-2 font-mono text-xs">{e.seq}</td>
            <td className="px-4 py-2 whitespace-nowrap">
              <DateTime value={e.at} locale={locale} />
            </td>
            <td className="px-4 py-2">
              <ActorCell actor={e.actor} names={names} />
            </td>
            <td className="px-4 py-2 font-mono text-xs">{e.action}</td>
            <td className="min-w-48 px-4 py-2">
              <span className="text-slate-700">{e.targetType}</span>{" "}
              {names.has(`${e.targetType}:${e.targetId}`) ? (
                <span title={e.targetId} className="line-clamp-2">
                  {names.get(`${e.targetType}:${e.targetId}`)}
                </span>
              ) : (
                <span className="font-mono text-xs break-all">{e.targetId}</span>
              )}
            </td>
            <td className="max-w-md min-w-48 px-4 py-2 text-xs">
              <AuditDetails data={e.data} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Who acted: a person by name with their email below, an API key by name, or the system. */
function ActorCell({ actor, names }: { actor: AuditEntry["actor"]; names: AuditNames }) {
  if (actor.kind === "user") {
    const name = names.get(`user:${actor.id}`);
    return (
      <>
        <div className="whitespace-nowrap">{name ?? actor.email ?? actor.id}</div>
        {name && actor.email && <div className="text-xs break-all text-slate-700">{actor.email}</div>}
      </>
    );
  }
  if (actor.kind === "api_key") {
    const name = names.get(`api_key:${actor.id}`);
    return (
      <>
        <div>{name ? `API key “${name}”` : "API key"}</div>
        <div className="font-mono text-xs text-slate-700">{actor.prefix}…</div>
      </>
    );
  }
  return <>{actor.reason ? `system (${actor.reason.replace(/^system:/, "")})` : "system"}</>;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A datetime-local value carries no zone; the table shows UTC, so read it as UTC. */
function asUtc(value: string): string {
  return /T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(value) ? `${value}Z` : value;
}
