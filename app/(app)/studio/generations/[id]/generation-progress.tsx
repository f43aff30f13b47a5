"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { Badge, Card } from "../../../../_components/ui";
import { pollGeneration } from "../../actions";

type View = Extract<Awaited<ReturnType<typeof pollGeneration>>, { ok: true }>["data"];

const FINAL = new Set(["succeeded", "blocked", "failed"]);

/** Polls the generation until it ends; the steps list is a live region for screen readers. */
export function GenerationProgress({ brandId, id }: { brandId: string; id: string }) {
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    async function tick() {
      const result = await pollGeneration({ brandId, id });
      if (stopped) return;
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setView(result.data);
      if (!FINAL.has(result.data.status)) setTimeout(tick, 600);
    }
    void tick();
    return () => {
      stopped = true;
    };
  }, [brandId, id]);

  if (error) return <p role="alert">{error}</p>;
  if (!view) return <p className="text-sm text-slate-700">Loading…</p>;
  // Rows written before outcomes carried reasons have none.
  const reasons = view.outcome?.reasons ?? [];
  return (
    <Card>
      <p className="mb-3 text-sm">
        Status:{" "}
        <Badge
          tone={
            view.status === "succeeded"
              ? "green"
              : view.status === "blocked" || view.status === "failed"
                ? "red"
                : "blue"
          }
        >
          {view.status}
        </Badge>
      </p>
      <ol aria-live="polite" aria-label="Pipeline steps" className="space-y-1 text-sm">
        {view.steps.map((s, i) => (
          <li key={i} className="flex gap-3">
            <span className="w-28 font-medium text-slate-900">
              {s.name}
              {s.round ? ` #${s.round}` : ""}
            </span>
            <span className={s.status === "failed" ? "text-red-900" : "text-slate-800"}>{s.status}</span>
            <span className="text-slate-700">{s.ms} ms</span>
            {s.detail && <span className="text-slate-700">{s.detail}</span>}
          </li>
        ))}
      </ol>
      {reasons.length > 0 && (
        <div role="alert" className="mt-4 rounded-md bg-red-50 p-3 text-sm text-red-900">
          <p className="font-medium">{view.status === "failed" ? "Failed" : "Blocked"}</p>
          <ul className="list-disc pl-5">
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      {view.contentItemId && (
        <p className="mt-4">
          <Link
            href={`/library/${view.contentItemId}`}
            className="font-medium text-brand-700 underline-offset-2 hover:underline"
          >
            Open the preview
          </Link>
        </p>
      )}
    </Card>
  );
}
