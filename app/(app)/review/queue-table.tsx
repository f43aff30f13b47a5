"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { QueueRow } from "@/lib/review/list-review-queue";
import type { BulkResult } from "@/lib/review/bulk-approve";
import { ScoreBadge } from "../../_components/score-badge";
import { Badge, Button, Card, TableScroll } from "../../_components/ui";
import { bulkApproveAction } from "./actions";
import { formatWait } from "./format";

export type QueueItem = Omit<QueueRow, "waitingSince" | "dueAt" | "claimExpiresAt"> & {
  waitingSince: string;
  dueAt: string;
  claimExpiresAt: string | null;
  waitingMs: number;
};

/** The queue, with bulk approval of the rows the caller may approve. */
export function QueueTable({ items, showBrand }: { items: QueueItem[]; showBrand: boolean }) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const approvable = items.filter((i) => i.mayApprove && (!i.claimedBy || i.claimedByMe));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const approveSelected = () =>
    start(async () => {
      setError(null);
      const chosen = items.filter((i) => selected.has(i.id));
      const result = await bulkApproveAction({
        items: chosen.map((i) => ({
          brandId: i.brandId,
          contentItemId: i.id,
          revisionId: i.revisionId,
          stageIndex: i.stageIndex,
        })),
      });
      if (!result.ok) return setError(result.error.message);
      setResults(result.data);
      setSelected(new Set());
      router.refresh();
    });
  const title = (id: string) => items.find((i) => i.id === id)?.title ?? id;
  const cell = "px-4 py-3";
  if (!items.length)
    return (
      <Card>
        <p className="text-sm text-slate-700">Nothing is waiting for you.</p>
      </Card>
    );
  return (
    <Card className="p-0">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
        <Button onClick={approveSelected} disabled={pending || selected.size === 0}>
          Approve selected ({selected.size})
        </Button>
        <span className="text-sm text-slate-700">
          Each item is approved on its own, with every rule applied; items you wrote or already approved
          cannot be selected.
        </span>
      </div>
      {error && (
        <p role="alert" className="px-4 py-2 text-sm text-red-900">
          {error}
        </p>
      )}
      {results && (
        <ul role="status" aria-label="Bulk approval results" className="space-y-1 px-4 py-2 text-sm">
          {results.map((r) => (
            <li key={r.contentItemId} className={r.ok ? "text-green-900" : "text-red-900"}>
              {title(r.contentItemId)}: {r.ok ? r.outcome.replace("_", " ") : r.message}
            </li>
          ))}
        </ul>
      )}
      <TableScroll label="Content waiting for your review">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Content waiting for your review</caption>
          <thead className="border-b border-slate-200 text-slate-700">
            <tr>
              <th scope="col" className={cell}>
                <span className="sr-only">Select</span>
              </th>
              {["Title", ...(showBrand ? ["Brand"] : []), "Stage", "Waiting", "Checks", "Claimed by"].map(
                (h) => (
                  <th key={h} scope="col" className={`${cell} font-medium`}>
                    {h}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr
                key={r.id}
                className={`border-b border-slate-100 last:border-0 ${r.overdue ? "bg-red-50" : ""}`}
                data-testid={`queue-row-${r.id}`}
              >
                <td className={cell}>
                  <input
                    type="checkbox"
                    aria-label={`Select ${r.title}`}
                    disabled={!approvable.includes(r)}
                    checked={selected.has(r.id)}
                    onChange={() => toggle(r.id)}
                    className="h-4 w-4"
                  />
                </td>
                <td className={cell}>
                  <Link
                    href={`/review/${r.id}`}
                    className="font-medium text-brand-700 underline-offset-2 hover:underline"
                  >
                    {r.title}
                  </Link>
                  <div className="text-xs text-slate-700">
                    {r.templateName} · {r.channel} · revision {r.revisionNumber}
                  </div>
                </td>
                {showBrand && <td className={`${cell} text-slate-800`}>{r.brandName}</td>}
                <td className={`${cell} text-slate-800`}>
                  {r.stageName}
                  <div className="text-xs text-slate-700">
                    stage {r.stageIndex + 1} of {r.stageCount} · {r.approvals}/{r.approvalsNeeded} approvals
                  </div>
                </td>
                <td className={`${cell} text-slate-800`}>
                  <time
                    dateTime={r.waitingSince}
                    title={`Since ${r.waitingSince.replace("T", " ").slice(0, 16)} UTC`}
                  >
                    {formatWait(r.waitingMs)}
                  </time>{" "}
                  {r.overdue && <Badge tone="red">Overdue</Badge>}
                </td>
                <td className={cell}>
                  <ScoreBadge score={r.score} blocked={false} legalReview={r.legalReview} />
                </td>
                <td className={`${cell} text-slate-800`}>{r.claimedBy ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Card>
  );
}
