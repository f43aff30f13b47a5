"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { fieldMessage } from "../../../_components/field-message";
import { Button, Label } from "../../../_components/ui";
import { claimAction, decideAction, releaseAction } from "../actions";

interface Seen {
  brandId: string;
  contentItemId: string;
  revisionId: string;
  stageIndex: number;
}

/** Claim, approve, reject (with a reason) or request changes (with a comment). */
export function DecisionPanel({
  seen,
  claim,
  mayAct,
  mayApprove,
  approveBlockedBy,
}: {
  seen: Seen;
  claim: { holder: string; mine: boolean; expiresAt: string } | null;
  mayAct: boolean;
  mayApprove: boolean;
  approveBlockedBy: string | null;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [note, setNote] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const run = (
    fn: () => Promise<
      { ok: true; data: unknown } | { ok: false; error: { message: string; details?: unknown } }
    >,
    doneText: string,
  ) =>
    start(async () => {
      setError(null);
      const result = await fn();
      if (!result.ok) {
        const details = result.error.details;
        const field = Array.isArray(details)
          ? (details[0] as { path?: string } | undefined)?.path
          : undefined;
        setError({ message: fieldMessage(result.error), field });
        return;
      }
      setDone(doneText);
      setNote("");
      router.refresh();
    });

  if (claim && !claim.mine)
    return (
      <p className="text-sm text-slate-800" role="status">
        {claim.holder} is working on this until {claim.expiresAt.slice(11, 16)} UTC. You can decide once they
        finish or the claim lapses.
      </p>
    );
  if (!mayAct)
    return (
      <p className="text-sm text-slate-800">This stage is for other reviewers. You can read and comment.</p>
    );
  const noteInvalid = error?.field === "comment";
  return (
    <div className="space-y-4">
      {claim?.mine ? (
        <div className="flex items-center justify-between gap-2 text-sm">
          <span role="status">You hold the claim until {claim.expiresAt.slice(11, 16)} UTC.</span>
          <Button
            variant="ghost"
            disabled={pending}
            onClick={() => run(() => releaseAction(seen), "Claim released")}
          >
            Release
          </Button>
        </div>
      ) : (
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => run(() => claimAction(seen), "Claimed")}
        >
          Claim
        </Button>
      )}
      <div>
        <Button
          disabled={pending || !mayApprove}
          onClick={() => run(() => decideAction({ ...seen, decision: "approve" }), "Approved")}
        >
          Approve
        </Button>
        {approveBlockedBy && <p className="mt-1 text-sm text-slate-700">{approveBlockedBy}</p>}
      </div>
      <div>
        <Label htmlFor="decision-note">Reason or requested changes</Label>
        <textarea
          id="decision-note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={3}
          aria-invalid={noteInvalid}
          aria-describedby={noteInvalid ? "decision-error" : undefined}
          className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2 text-sm aria-[invalid=true]:border-red-700"
        />
        <div className="mt-2 flex flex-wrap gap-2">
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() =>
              run(
                () => decideAction({ ...seen, decision: "request_changes", comment: note }),
                "Changes requested",
              )
            }
          >
            Request changes
          </Button>
          <Button
            variant="danger"
            disabled={pending}
            onClick={() =>
              run(() => decideAction({ ...seen, decision: "reject", comment: note }), "Rejected")
            }
          >
            Reject
          </Button>
        </div>
      </div>
      {error && (
        <p id="decision-error" role="alert" className="text-sm text-red-900">
          {error.message}
        </p>
      )}
      {done && !error && (
        <p role="status" className="text-sm text-green-900">
          {done}
        </p>
      )}
    </div>
  );
}
