"use client";

import { useState, useTransition } from "react";
import { Button, Label } from "../../../_components/ui";
import { recordPreferenceAction } from "./actions";

const CHOICES = [
  { choice: "A", label: "A is better" },
  { choice: "same", label: "About the same" },
  { choice: "B", label: "B is better" },
] as const;

/** The reviewer's verdict on one pair, as A against B, with an optional reason. */
export function CompareForm({ brandId, pairId }: { brandId: string; pairId: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(choice: (typeof CHOICES)[number]["choice"], form: HTMLFormElement) {
    setError(null);
    const reason = String(new FormData(form).get("reason") ?? "");
    startTransition(async () => {
      const result = await recordPreferenceAction({ brandId, shadowOutputId: pairId, choice, reason });
      if (!result.ok) setError(result.error.message);
    });
  }

  return (
    <form aria-label="Your verdict" className="space-y-3" onSubmit={(e) => e.preventDefault()}>
      <div>
        <Label htmlFor="compare-reason">Why (optional)</Label>
        <textarea
          id="compare-reason"
          name="reason"
          maxLength={2000}
          rows={2}
          className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900"
        />
      </div>
      <div className="flex flex-wrap gap-3">
        {CHOICES.map((c) => (
          <Button
            key={c.choice}
            type="button"
            variant={c.choice === "same" ? "secondary" : "primary"}
            disabled={pending}
            onClick={(e) => submit(c.choice, e.currentTarget.form!)}
          >
            {c.label}
          </Button>
        ))}
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-900">
          {error}
        </p>
      )}
    </form>
  );
}
