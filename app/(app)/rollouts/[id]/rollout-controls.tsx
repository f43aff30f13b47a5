"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { RolloutStatus } from "@/db/schema";
import { fieldMessage } from "../../../_components/field-message";
import { Button, Input, Label } from "../../../_components/ui";
import {
  abortRolloutAction,
  analyseRolloutAction,
  pauseRolloutAction,
  promoteRolloutAction,
  resumeRolloutAction,
} from "../actions";

type Result<T = unknown> =
  { ok: true; data: T } | { ok: false; error: { message: string; details?: unknown } };

const LOOK_TEXT: Record<string, string> = {
  not_active: "Not looked at: the rollout is not active.",
  not_due: "Not looked at: the last look was less than one interval ago. Try again shortly.",
};

/** A person's levers on a live rollout. Promote and abort ask for a reason and a confirmation. */
export function RolloutControls({
  rolloutId,
  brandId,
  status,
}: {
  rolloutId: string;
  brandId: string;
  status: RolloutStatus;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const live = status === "active" || status === "paused";

  function run<T>(fn: () => Promise<Result<T>>, done: (data: T) => string) {
    setError(null);
    setReasonError(null);
    setMessage(null);
    startTransition(async () => {
      const result = await fn();
      if (result.ok) {
        setMessage(done(result.data));
        setReason("");
        router.refresh();
        return;
      }
      const details = Array.isArray(result.error.details) ? result.error.details : [];
      if (details.some((d: { path?: string }) => d.path === "reason"))
        setReasonError("Give a reason: it goes in the decision log.");
      else setError(fieldMessage(result.error));
    });
  }

  const withReason = (
    action: (input: { rolloutId: string; reason: string }) => Promise<Result>,
    done: string,
    confirmText?: string,
  ) => {
    if (confirmText && reason.trim() && !window.confirm(confirmText)) return;
    run(
      () => action({ rolloutId, reason }),
      () => done,
    );
  };

  if (!live) return null;
  return (
    <section aria-labelledby="controls-title" className="space-y-3">
      <h2 id="controls-title" className="text-base font-semibold text-slate-900">
        Controls
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <Button
          type="button"
          variant="secondary"
          disabled={pending || status !== "active"}
          onClick={() =>
            run(
              () => analyseRolloutAction({ rolloutId, brandId }),
              (r) => (r.looked ? `Looked: ${r.decision}.` : LOOK_TEXT[r.reason]!),
            )
          }
        >
          Analyse now
        </Button>
        <div className="w-72">
          <Label htmlFor="rollout-reason">Reason</Label>
          <Input
            id="rollout-reason"
            value={reason}
            maxLength={1000}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={!!reasonError}
            aria-describedby="rollout-reason-error"
          />
        </div>
        {status === "active" ? (
          <Button
            type="button"
            variant="secondary"
            disabled={pending}
            onClick={() => withReason(pauseRolloutAction, "Paused.")}
          >
            Pause
          </Button>
        ) : (
          <Button
            type="button"
            variant="secondary"
            disabled={pending}
            onClick={() => withReason(resumeRolloutAction, "Resumed.")}
          >
            Resume
          </Button>
        )}
        <Button
          type="button"
          disabled={pending}
          onClick={() =>
            withReason(
              promoteRolloutAction,
              "Promoted: the candidate is now stable.",
              "Promote the candidate to stable for every unit now?",
            )
          }
        >
          Promote
        </Button>
        <Button
          type="button"
          variant="danger"
          disabled={pending}
          onClick={() =>
            withReason(
              abortRolloutAction,
              "Aborted: every new assignment goes to stable.",
              "Abort the rollout and send all traffic back to stable?",
            )
          }
        >
          Abort
        </Button>
      </div>
      <p id="rollout-reason-error" className="text-xs text-red-900 empty:hidden">
        {reasonError}
      </p>
      <div aria-live="polite" className="empty:hidden">
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
            {error}
          </p>
        )}
        {message && !error && <p className="text-sm text-green-900">{message}</p>}
      </div>
    </section>
  );
}
