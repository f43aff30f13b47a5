"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "../../_components/ui";
import { trainingStatusAction, trainNowAction } from "./actions";

/** Queues a training run of a personalisation model, then follows it until it registers a version. */
export function TrainNowButton({ brandId, model }: { brandId: string; model: string }) {
  const router = useRouter();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const follow = async (jobId: string) => {
    for (let i = 0; i < 900; i++) {
      const result = await trainingStatusAction({ brandId, model, jobId });
      if (!result.ok) return setStatus({ ok: false, text: result.error.message });
      const { state, version, error } = result.data;
      if (state === "succeeded") {
        setStatus({ ok: true, text: `Trained: version ${version ?? "?"} registered, now evaluating` });
        return router.refresh();
      }
      if (state === "failed") return setStatus({ ok: false, text: `Training failed: ${error ?? "unknown"}` });
      setStatus({ ok: true, text: state === "running" ? "Training…" : "Queued for training…" });
      await new Promise((r) => setTimeout(r, 1000));
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setStatus(null);
            const queued = await trainNowAction({ brandId, model });
            if (!queued.ok) return setStatus({ ok: false, text: queued.error.message });
            setStatus({ ok: true, text: "Queued for training…" });
            await follow(queued.data.jobId);
          })
        }
      >
        Train now
      </Button>
      {status && (
        <p role="status" className={status.ok ? "text-sm text-slate-800" : "text-sm text-red-800"}>
          {status.text}
        </p>
      )}
    </div>
  );
}
