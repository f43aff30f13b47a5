"use client";

import { useEffect, useState, useTransition } from "react";
import { Button, Card } from "../../../../_components/ui";
import { pollBatch, resume } from "../../actions";

type Progress = Extract<Awaited<ReturnType<typeof pollBatch>>, { ok: true }>["data"];

export function BatchProgress({ brandId, id }: { brandId: string; id: string }) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  useEffect(() => {
    let stopped = false;
    async function tick() {
      const result = await pollBatch({ brandId, id });
      if (stopped) return;
      if (!result.ok) return setError(result.error.message);
      setProgress(result.data);
      if (result.data.done < result.data.total) setTimeout(tick, 1000);
    }
    void tick();
    return () => {
      stopped = true;
    };
  }, [brandId, id]);

  if (error) return <p role="alert">{error}</p>;
  if (!progress) return <p className="text-sm text-slate-700">Loading…</p>;
  return (
    <Card>
      <label htmlFor="batch-progress" className="block text-sm font-medium text-slate-900">
        {progress.done} of {progress.total} rows done
      </label>
      <progress id="batch-progress" max={progress.total} value={progress.done} className="mt-2 h-3 w-full" />
      <p className="mt-2 text-sm text-slate-800">
        {Object.entries(progress.counts)
          .map(([status, n]) => `${status}: ${n}`)
          .join(" · ")}
      </p>
      {progress.done < progress.total && (
        <Button
          variant="secondary"
          className="mt-3"
          disabled={pending}
          onClick={() => start(async () => void (await resume({ brandId, batchId: id })))}
        >
          Resume queued rows
        </Button>
      )}
      {progress.problems.length > 0 && (
        <div className="mt-4">
          <h2 className="text-sm font-semibold">Rows that did not produce content</h2>
          <ul className="mt-1 list-disc pl-5 text-sm text-slate-800">
            {progress.problems.map((p) => (
              <li key={p.row}>
                Row {p.row}: {p.status} — {(p.outcome?.reasons ?? []).join("; ")}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
