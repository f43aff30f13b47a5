import type { Metadata } from "next";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { can } from "@/lib/auth/authorize";
import { getUsage, type UsageRow } from "@/lib/budgets/get-usage";
import { listBudgets } from "@/lib/budgets/list-budgets";
import { formatUsd } from "@/lib/models/cost";
import { formatDateTime } from "../../_components/format-date-time";
import { requestLocale } from "../../_components/request-locale";
import { Badge, Card, PageHeader, TableScroll } from "../../_components/ui";
import { Forbidden, requireSection } from "../require-section";
import { BudgetForm, RemoveBudgetButton } from "./budget-form";
import { CostChart } from "./cost-chart";

export const metadata: Metadata = { title: "Usage and budgets" };

const usd = (micro: number) => `$${formatUsd(micro)}`;

/** Sums rows by one of their fields, largest cost first. */
function totalsBy(rows: UsageRow[], key: (r: UsageRow) => string) {
  const out = new Map<string, { calls: number; tokens: number; cost: number; unpriced: number }>();
  for (const r of rows) {
    const t = out.get(key(r)) ?? { calls: 0, tokens: 0, cost: 0, unpriced: 0 };
    t.calls += r.calls;
    t.tokens += r.tokensIn + r.tokensOut;
    t.cost += r.costMicroUsd;
    t.unpriced += r.unpricedCalls;
    out.set(key(r), t);
  }
  return [...out].sort((a, b) => b[1].cost - a[1].cost);
}

function TotalsTable({ label, rows }: { label: string; rows: ReturnType<typeof totalsBy> }) {
  return (
    <TableScroll label={`Cost by ${label}`}>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-700">
          <tr>
            <th className="px-3 py-2 font-medium">{label}</th>
            <th className="px-3 py-2 text-right font-medium">Calls</th>
            <th className="px-3 py-2 text-right font-medium">Tokens</th>
            <th className="px-3 py-2 text-right font-medium">Cost (USD)</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={4} className="px-3 py-3 text-slate-600">
                No model calls in this period.
              </td>
            </tr>
          )}
          {rows.map(([name, t]) => (
            <tr key={name} className="border-b border-slate-100">
              <td className="px-3 py-2 text-slate-900">{name}</td>
              <td className="px-3 py-2 text-right tabular-nums">{t.calls}</td>
              <td className="px-3 py-2 text-right tabular-nums">{t.tokens}</td>
              <td className="px-3 py-2 text-right tabular-nums">
                {usd(t.cost)}
                {t.unpriced > 0 && (
                  <span className="block text-xs text-slate-600">{t.unpriced} unpriced</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export default async function UsagePage() {
  const access = await requireSection("usage");
  if (!access.allowed) return <Forbidden />;
  const { session, membership } = access;
  const brandId = membership.brandId;
  const manage = can(session, "budgets:manage", brandId);
  const [usage, budgets, keys] = await Promise.all([
    getUsage(session, { brandId }),
    listBudgets(session, { brandId }),
    manage ? listApiKeys(session, { brandId }) : Promise.resolve([]),
  ]);

  const locale = await requestLocale();
  const byDay = new Map<string, number>();
  for (let t = Date.parse(usage.from); t <= Date.parse(usage.to); t += 86_400_000)
    byDay.set(new Date(t).toISOString().slice(0, 10), 0);
  for (const r of usage.rows) byDay.set(r.day, (byDay.get(r.day) ?? 0) + r.costMicroUsd);
  const days = [...byDay].map(([day, costMicroUsd]) => ({ day, costMicroUsd }));
  const alerts = budgets.filter((b) => b.status !== "ok");
  const who = (b: (typeof budgets)[number]) =>
    b.scope === "brand" ? "The brand" : `Key ${b.key?.name ?? "(revoked)"}`;

  return (
    <>
      <PageHeader
        title="Usage and budgets"
        description={`What ${membership.brandName}'s model calls cost (US dollars, at each model version's prices), ${formatDateTime(usage.from, locale, "date")} to ${formatDateTime(usage.to, locale, "date")}.`}
      />
      {alerts.length > 0 && (
        <div
          role="alert"
          className="mb-6 space-y-1 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
        >
          {alerts.map((b) => (
            <p key={b.id}>
              {who(b)} has spent {usd(b.spentMicroUsd)} of its {usd(b.limitMicroUsd)} monthly budget (
              {Math.round(b.usedRatio * 100)}%).{" "}
              {b.status === "exceeded"
                ? "New chat calls, generations and batches are refused until it is raised or the month turns."
                : "It will refuse new work once spent."}
            </p>
          ))}
        </div>
      )}
      <div className="space-y-6">
        <Card>
          <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="text-lg font-semibold text-slate-900">Cost per day</h2>
            <p className="text-sm text-slate-700">
              Total <strong>{usd(usage.totals.costMicroUsd)}</strong> for {usage.totals.calls} calls
              {usage.totals.unpricedCalls > 0 &&
                ` (${usage.totals.unpricedCalls} to unpriced versions, counted at $0)`}
            </p>
          </div>
          <CostChart days={days} locale={locale} />
        </Card>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card className="p-0">
            <h2 className="px-6 pt-5 pb-2 text-lg font-semibold text-slate-900">By API key</h2>
            <TotalsTable
              label="Key"
              rows={totalsBy(usage.rows, (r) => r.keyName ?? "People and Brandgate")}
            />
          </Card>
          <Card className="p-0">
            <h2 className="px-6 pt-5 pb-2 text-lg font-semibold text-slate-900">By model version</h2>
            <TotalsTable label="Model version" rows={totalsBy(usage.rows, (r) => r.versionLabel)} />
          </Card>
        </div>
        <Card className="p-0">
          <h2 className="px-6 pt-5 pb-2 text-lg font-semibold text-slate-900">Monthly budgets</h2>
          <TableScroll label="Monthly budgets">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-slate-700">
                <tr>
                  <th className="px-3 py-2 font-medium">For</th>
                  <th className="px-3 py-2 text-right font-medium">Spent this month</th>
                  <th className="px-3 py-2 text-right font-medium">Limit</th>
                  <th className="px-3 py-2 font-medium">Status</th>
                  {manage && <th className="px-3 py-2 font-medium">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {budgets.length === 0 && (
                  <tr>
                    <td colSpan={5} className="px-3 py-3 text-slate-600">
                      No budgets: nothing stops spending.
                    </td>
                  </tr>
                )}
                {budgets.map((b) => (
                  <tr key={b.id} className="border-b border-slate-100">
                    <td className="px-3 py-2 text-slate-900">{who(b)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{usd(b.spentMicroUsd)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {usd(b.limitMicroUsd)}
                      <span className="block text-xs text-slate-600">
                        warns at {Math.round(b.warnAt * 100)}%
                      </span>
                    </td>
                    <td className="px-3 py-2">
                      <Badge
                        tone={b.status === "exceeded" ? "red" : b.status === "warning" ? "blue" : "green"}
                      >
                        {b.status === "exceeded" ? "Spent" : b.status === "warning" ? "Warning" : "OK"}
                      </Badge>
                    </td>
                    {manage && (
                      <td className="px-3 py-2">
                        <RemoveBudgetButton brandId={brandId} budgetId={b.id} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </Card>
        {manage && (
          <Card>
            <BudgetForm
              brandId={brandId}
              keys={keys
                .filter((k) => k.status === "active" || k.status === "rotating")
                .map((k) => ({ id: k.id, name: k.name }))}
            />
          </Card>
        )}
      </div>
    </>
  );
}
