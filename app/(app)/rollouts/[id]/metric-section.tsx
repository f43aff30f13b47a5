import type { ArmPoint, MetricSeries } from "@/lib/rollout/get-rollout";
import { Badge, Card } from "../../../_components/ui";
import { ArmsChart, DifferenceChart } from "./metric-chart";

const time = (d: Date) => d.toLocaleTimeString("en-GB");

function fmt(kind: MetricSeries["kind"], v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  return kind === "proportion" ? `${(100 * v).toFixed(2)}%` : v.toFixed(1);
}

function armCell(kind: MetricSeries["kind"], a: ArmPoint) {
  return a.n === 0 ? "no units" : `${fmt(kind, a.value)} (${fmt(kind, a.lower)} – ${fmt(kind, a.upper)})`;
}

/**
 * The preference rate as reviewers would say it. The difference candidate − stable is 2p − 1,
 * so its always-valid interval maps to one for p as (1 + d) / 2.
 */
function preferenceText(candidate: ArmPoint, look: MetricSeries["looks"][number] | undefined): string {
  const pct = (v: number | null) => (v === null ? "—" : `${(100 * v).toFixed(1)}%`);
  const rate = (d: number | null) => (d === null ? null : (1 + d) / 2);
  const interval = look
    ? ` Always-valid interval at the last look: ${pct(rate(look.lower))} to ${pct(rate(look.upper))}.`
    : "";
  return `Reviewers preferred the candidate in ${pct(candidate.value)} of ${candidate.n} blind ${candidate.n === 1 ? "comparison" : "comparisons"} (a tie counts half; 50% is parity).${interval}`;
}

/** One metric: its chart, a sentence saying where it stands, and the numbers as a table. */
export function MetricSection({ series: s, primary }: { series: MetricSeries; primary: boolean }) {
  const last = s.points.at(-1);
  const look = s.looks.at(-1);
  const headingId = `metric-${s.metric}`;
  const format = s.kind === "proportion" ? "percent" : "number";
  const diff = (v: number | null) =>
    v === null ? "—" : s.kind === "proportion" ? `${(100 * v).toFixed(2)} pt` : v.toFixed(2);
  return (
    <Card>
      <section aria-labelledby={headingId}>
        <h3 id={headingId} className="flex items-center gap-2 text-base font-semibold text-slate-900">
          {s.label} {primary && <Badge tone="blue">primary</Badge>}
        </h3>
        <p className="mt-1 text-sm text-slate-800" data-testid={`summary-${s.metric}`}>
          {last
            ? `Latest: stable ${fmt(s.kind, last.stable.value)} over ${last.stable.n} units, candidate ${fmt(s.kind, last.candidate.value)} over ${last.candidate.n} units (${s.higherIsBetter ? "higher" : "lower"} is better).`
            : "No data yet."}
          {look &&
            ` At the last look the difference was ${diff(look.estimate)} (always-valid interval ${diff(look.lower)} to ${diff(look.upper)}, p = ${look.pValue.toFixed(3)}).`}
        </p>
        {s.metric === "preference_rate" && last && (
          <p className="mt-1 text-sm text-slate-800" data-testid="preference-rate">
            {preferenceText(last.candidate, look)}
          </p>
        )}
        <ArmsChart
          format={format}
          points={s.points.map((p) => ({
            t: p.bucketStart.getTime(),
            stable: p.stable,
            candidate: p.candidate,
          }))}
        />
        <div
          className="max-h-64 overflow-auto"
          tabIndex={0}
          role="region"
          aria-label={`${s.label} by time bucket`}
        >
          <table className="w-full text-left text-sm">
            <caption className="sr-only">
              {s.label}: cumulative value per arm with its 95% display band, by time bucket
            </caption>
            <thead className="border-b border-slate-200 text-slate-700">
              <tr>
                <th scope="col" className="py-1 pr-4 font-medium">
                  Bucket
                </th>
                <th scope="col" className="py-1 pr-4 font-medium">
                  Stable n
                </th>
                <th scope="col" className="py-1 pr-4 font-medium">
                  Stable (95% band)
                </th>
                <th scope="col" className="py-1 pr-4 font-medium">
                  Candidate n
                </th>
                <th scope="col" className="py-1 pr-4 font-medium">
                  Candidate (95% band)
                </th>
                {s.metric === "latency_ms" && (
                  <th scope="col" className="py-1 font-medium">
                    p50 / p95 (stable · candidate)
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {s.points.map((p) => (
                <tr key={p.bucketStart.getTime()} className="border-b border-slate-100 last:border-0">
                  <td className="py-1 pr-4">{time(p.bucketStart)}</td>
                  <td className="py-1 pr-4">{p.stable.n}</td>
                  <td className="py-1 pr-4">{armCell(s.kind, p.stable)}</td>
                  <td className="py-1 pr-4">{p.candidate.n}</td>
                  <td className="py-1 pr-4">{armCell(s.kind, p.candidate)}</td>
                  {s.metric === "latency_ms" && (
                    <td className="py-1">
                      {fmt("mean", p.stable.p50)} / {fmt("mean", p.stable.p95)} ·{" "}
                      {fmt("mean", p.candidate.p50)} / {fmt("mean", p.candidate.p95)}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {primary && (
          <div className="mt-4">
            <h4 className="text-sm font-semibold text-slate-900">Candidate − stable at each look</h4>
            {s.looks.length === 0 ? (
              <p className="text-sm text-slate-700">No looks have compared the arms yet.</p>
            ) : (
              <>
                <DifferenceChart
                  format={format}
                  looks={s.looks.map((l) => ({
                    t: l.at.getTime(),
                    estimate: l.estimate,
                    lower: l.lower,
                    upper: l.upper,
                  }))}
                />
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">{s.label}: candidate minus stable at each look</caption>
                  <thead className="border-b border-slate-200 text-slate-700">
                    <tr>
                      {["Look", "Estimate", "Always-valid interval", "p-value"].map((h) => (
                        <th key={h} scope="col" className="py-1 pr-4 font-medium">
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {s.looks.map((l) => (
                      <tr key={l.at.getTime()} className="border-b border-slate-100 last:border-0">
                        <td className="py-1 pr-4">{time(l.at)}</td>
                        <td className="py-1 pr-4">{diff(l.estimate)}</td>
                        <td className="py-1 pr-4">
                          {diff(l.lower)} to {diff(l.upper)}
                        </td>
                        <td className="py-1 pr-4">{l.pValue.toFixed(3)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </div>
        )}
      </section>
    </Card>
  );
}
