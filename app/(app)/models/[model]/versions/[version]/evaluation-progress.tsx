"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { versionProgressAction } from "../../../actions";

interface Props {
  brandId: string;
  model: string;
  version: string;
  initial: { done: number; total: number } | null;
}

const POLL_MS = 1000;

/** Live progress while the evaluation runs; the page reloads its report when the state changes. */
export function EvaluationProgress({ brandId, model, version, initial }: Props) {
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(async () => {
      const result = await versionProgressAction({ brandId, model, version });
      if (stopped || !result.ok) return;
      setProgress(result.data.progress);
      if (result.data.state !== "evaluating") {
        stopped = true;
        clearInterval(timer);
        router.refresh();
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [brandId, model, version, router]);
  const total = progress?.total ?? 0;
  const done = progress?.done ?? 0;
  return (
    <div aria-live="polite" data-testid="evaluation-progress">
      <p className="text-sm text-slate-800">
        {total === 0 ? "Queued for evaluation…" : `Evaluating: ${done} of ${total} briefs`}
      </p>
      <div
        role="progressbar"
        aria-label="Evaluation progress"
        aria-valuemin={0}
        aria-valuemax={total || 1}
        aria-valuenow={done}
        className="mt-2 h-2 w-full overflow-hidden rounded bg-slate-200"
      >
        <div
          className="h-2 bg-brand-700 transition-all"
          style={{ width: `${total ? (100 * done) / total : 0}%` }}
        />
      </div>
    </div>
  );
}
