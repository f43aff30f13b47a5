"use client";

import { useState, useTransition, type ReactNode } from "react";
import { TableScroll } from "../../_components/ui";

type ActionResult = { ok: boolean; error?: { message: string } };

/**
 * The state every admin table's row actions share: one action at a time, its error (or a
 * status line) announced above the table.
 */
export function useRowActions() {
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  /** Runs a server action; `done` is announced when it succeeds. */
  function run(fn: () => Promise<ActionResult>, done?: string) {
    setError(null);
    setStatus(null);
    startTransition(async () => {
      const result = await fn();
      if (result.ok) setStatus(done ?? null);
      else setError(result.error?.message ?? "Something went wrong");
    });
  }
  return { pending, run, error, status };
}

export interface Column<T> {
  /** The header; a column without one (the actions) gets a screen-reader-only label. */
  header: string | null;
  cell: (row: T) => ReactNode;
  className?: string;
}

/**
 * A table of admin rows with an actions column: the caption for screen readers, the live
 * region for the actions' outcome, and the empty state.
 */
export function AdminTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  rowTestId,
  empty,
  actions,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  rowTestId: (row: T) => string;
  empty: string;
  actions: Pick<ReturnType<typeof useRowActions>, "error" | "status">;
}) {
  if (rows.length === 0) return <p className="px-6 py-5 text-sm text-slate-700">{empty}</p>;
  return (
    <div>
      <div aria-live="polite" className="px-6 pt-4 empty:hidden">
        {actions.error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
            {actions.error}
          </p>
        )}
        {actions.status && <p className="text-sm text-green-900">{actions.status}</p>}
      </div>
      <TableScroll label={caption}>
        <table className="mt-2 w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="border-b border-slate-200 text-slate-700">
            <tr>
              {columns.map((c, i) => (
                <th key={i} scope="col" className="px-6 py-3 font-medium">
                  {c.header ?? <span className="sr-only">Actions</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={rowKey(row)}
                className="border-b border-slate-100 last:border-0"
                data-testid={rowTestId(row)}
              >
                {columns.map((c, i) => (
                  <td key={i} className={`px-6 py-3 ${c.className ?? ""}`}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
