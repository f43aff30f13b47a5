import type { StepRecord } from "@/db/schema/json/generation-progress";

/** The pipeline's steps, timed: the engineering view of a generation, kept below the copy. */
export function StepsTimeline({ steps }: { steps: readonly StepRecord[] }) {
  return (
    <ol aria-live="polite" aria-label="Pipeline steps" className="space-y-1 text-sm">
      {steps.map((s, i) => (
        <li key={i} className="flex flex-wrap gap-x-3">
          <span className="w-28 font-medium text-slate-900">
            {s.name}
            {s.round ? ` #${s.round}` : ""}
          </span>
          <span className={s.status === "failed" ? "text-red-900" : "text-slate-800"}>{s.status}</span>
          <span className="text-slate-700">{s.ms} ms</span>
          {s.detail && <span className="min-w-0 break-words text-slate-700">{s.detail}</span>}
        </li>
      ))}
    </ol>
  );
}
