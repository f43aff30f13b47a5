import type { RolloutDecisionView } from "@/lib/rollout/get-rollout";
import { formatDateTime } from "../../../_components/format-date-time";
import { Card, TableScroll } from "../../../_components/ui";

/** Who took a decision: the person by name, not only "a person". */
const decidedBy = (d: RolloutDecisionView) =>
  d.decidedBy === "job"
    ? "Analysis job"
    : d.decidedBy.startsWith("user:")
      ? (d.decidedByName ?? "A person no longer listed")
      : d.decidedBy.replace(/^system:/, "System: ");

/** Every decision, oldest first, with the reasons it rested on. */
export function DecisionLog({ decisions, locale }: { decisions: RolloutDecisionView[]; locale: string }) {
  return (
    <Card className="p-0">
      <TableScroll label="Decision log, oldest first">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Decision log, oldest first</caption>
          <thead className="border-b border-slate-200 text-slate-700">
            <tr>
              {["Time", "Decision", "By", "Step", "Candidate weight", "Reasons"].map((h) => (
                <th key={h} scope="col" className="px-6 py-2 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {decisions.map((d) => (
              <tr key={d.id} className="border-b border-slate-100 align-top last:border-0">
                <td className="px-6 py-2 whitespace-nowrap">{formatDateTime(d.at, locale)}</td>
                <td className="px-6 py-2 font-medium">{d.decision}</td>
                <td className="px-6 py-2">{decidedBy(d)}</td>
                <td className="px-6 py-2">
                  {d.stepBefore === d.stepAfter
                    ? d.stepAfter + 1
                    : `${d.stepBefore + 1} → ${d.stepAfter + 1}`}
                </td>
                <td className="px-6 py-2">
                  {d.weightBefore === d.weightAfter
                    ? `${d.weightAfter}%`
                    : `${d.weightBefore}% → ${d.weightAfter}%`}
                </td>
                <td className="px-6 py-2">
                  <ul>
                    {d.reasons.map((r, i) => (
                      <li key={i}>{r.message ?? r.code}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Card>
  );
}
