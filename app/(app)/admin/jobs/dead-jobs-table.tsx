"use client";

import { useState, useTransition } from "react";
import { DateTime } from "../../../_components/date-time";
import { Button, TableScroll } from "../../../_components/ui";
import { retryJobs } from "./actions";

export interface DeadJobRow {
  id: string;
  queue: string;
  attempts: number;
  error: string | null;
  deadAt: string;
  /** Why Retry would be refused (its generation has ended), or null. */
  refusal: string | null;
}

export function DeadJobsTable({
  brandId,
  jobs,
  locale,
}: {
  brandId: string;
  jobs: DeadJobRow[];
  locale: string;
}) {
  const [message, setMessage] = useState<{ tone: "error" | "ok"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const retryable = jobs.filter((j) => !j.refusal);
  const retry = (ids: string[]) => {
    setMessage(null);
    startTransition(async () => {
      const result = await retryJobs({ brandId, ids });
      if (!result.ok) return setMessage({ tone: "error", text: result.error.message });
      const { retried, refused } = result.data;
      setMessage({
        tone: "ok",
        text:
          `Sent ${retried} job(s) back to their queue` +
          (refused.length ? `; ${refused.length} not sent: their generations have already ended` : ""),
      });
    });
  };

  return (
    <div>
      <div aria-live="polite" className="px-6 pt-4 empty:hidden">
        {message && (
          <p
            role={message.tone === "error" ? "alert" : "status"}
            className={`rounded-md px-3 py-2 text-sm ${
              message.tone === "error" ? "bg-red-50 text-red-900" : "bg-green-50 text-green-900"
            }`}
          >
            {message.text}
          </p>
        )}
      </div>
      {jobs.length === 0 ? (
        <p className="px-6 py-5 text-sm text-slate-700">No dead jobs.</p>
      ) : (
        <>
          {retryable.length > 0 && (
            <div className="px-6 pt-4">
              <Button
                variant="secondary"
                disabled={pending}
                onClick={() => retry(retryable.map((j) => j.id))}
              >
                Retry all {retryable.length}
              </Button>
            </div>
          )}
          <TableScroll label="Dead jobs">
            <table className="mt-2 w-full text-left text-sm">
              <caption className="sr-only">Dead jobs</caption>
              <thead className="border-b border-slate-200 text-slate-700">
                <tr>
                  <th scope="col" className="px-6 py-3 font-medium">
                    Queue
                  </th>
                  <th scope="col" className="px-6 py-3 font-medium">
                    Attempts
                  </th>
                  <th scope="col" className="px-6 py-3 font-medium">
                    Last error
                  </th>
                  <th scope="col" className="px-6 py-3 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((j) => (
                  <tr
                    key={j.id}
                    className="border-b border-slate-100 last:border-0"
                    data-testid={`job-${j.id}`}
                  >
                    <td className="px-6 py-3">
                      <code className="text-slate-900">{j.queue}</code>
                      <div className="text-xs text-slate-700">
                        <DateTime value={j.deadAt} locale={locale} />
                      </div>
                    </td>
                    <td className="px-6 py-3 text-slate-800">{j.attempts}</td>
                    <td className="max-w-md px-6 py-3 text-xs break-words text-slate-800">
                      {j.error ?? "—"}
                    </td>
                    <td className="px-6 py-3 text-right">
                      {j.refusal ? (
                        <p className="max-w-xs text-left text-xs text-slate-700">{j.refusal}</p>
                      ) : (
                        <Button variant="secondary" disabled={pending} onClick={() => retry([j.id])}>
                          Retry<span className="sr-only"> job {j.id}</span>
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </div>
  );
}
