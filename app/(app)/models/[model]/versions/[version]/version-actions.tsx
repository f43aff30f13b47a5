"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, Input, Label, Select } from "../../../../../_components/ui";
import { moveLabelAction, retireVersionAction, rollbackAction } from "../../../actions";

interface Props {
  brandId: string;
  model: string;
  version: string;
  retired: boolean;
  /** A live rollout, or a stable with history: something rollback can undo. */
  canRollback: boolean;
}

/** Label moves by hand, retiring, and rolling the model back — each with a reason, all audited. */
export function VersionActions({ brandId, model, version, retired, canRollback }: Props) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (work: () => Promise<{ ok: true } | { ok: false; error: { message: string } }>, done: string) =>
    startTransition(async () => {
      setMessage(null);
      const result = await work();
      setMessage(result.ok ? { ok: true, text: done } : { ok: false, text: result.error.message });
      if (result.ok) router.refresh();
    });

  return (
    <div className="space-y-6">
      {!retired && (
        <form
          action={(form) =>
            run(
              () =>
                moveLabelAction({
                  brandId,
                  model,
                  input: {
                    label: String(form.get("label")) as "stable" | "candidate",
                    version,
                    reason: String(form.get("reason") ?? ""),
                  },
                }),
              "Label moved",
            )
          }
          className="grid gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-end"
        >
          <div>
            <Label htmlFor="move-label">Point label</Label>
            <Select id="move-label" name="label" defaultValue="stable" className="w-full">
              <option value="stable">stable</option>
              <option value="candidate">candidate</option>
            </Select>
          </div>
          <div>
            <Label htmlFor="move-reason">Reason</Label>
            <Input id="move-reason" name="reason" required maxLength={1000} />
          </div>
          <Button type="submit" variant="secondary" disabled={pending}>
            Move label here
          </Button>
        </form>
      )}
      {!retired && (
        <form
          action={(form) =>
            run(
              () =>
                retireVersionAction({ brandId, model, version, reason: String(form.get("reason") ?? "") }),
              "Version retired",
            )
          }
          className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end"
        >
          <div>
            <Label htmlFor="retire-reason">Reason to retire</Label>
            <Input id="retire-reason" name="reason" required maxLength={1000} />
          </div>
          <Button type="submit" variant="danger" disabled={pending}>
            Retire version
          </Button>
        </form>
      )}
      {canRollback && (
        <form
          action={(form) =>
            run(
              () => rollbackAction({ brandId, model, reason: String(form.get("reason") ?? "") || undefined }),
              "Rolled back: stable serves every request",
            )
          }
          className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end"
        >
          <div>
            <Label htmlFor="rollback-reason">Reason to roll back</Label>
            <Input id="rollback-reason" name="reason" maxLength={1000} />
          </div>
          <Button type="submit" variant="danger" disabled={pending}>
            Roll back model
          </Button>
        </form>
      )}
      <div aria-live="polite">
        {message && (
          <p
            role={message.ok ? "status" : "alert"}
            className={message.ok ? "text-sm text-green-900" : "text-sm text-red-900"}
          >
            {message.text}
          </p>
        )}
      </div>
    </div>
  );
}
