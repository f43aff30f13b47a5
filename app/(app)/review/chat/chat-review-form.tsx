"use client";

import { useState, useTransition } from "react";
import { Button, Input, Label } from "../../../_components/ui";
import { reviewChatCallAction } from "./actions";

/** Marks one sampled chat call as fine or flags it with a note. */
export function ChatReviewForm({ brandId, callId }: { brandId: string; callId: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const noteId = `note-${callId}`;

  function submit(verdict: "ok" | "flagged", form: HTMLFormElement) {
    setError(null);
    const note = String(new FormData(form).get("note") ?? "");
    startTransition(async () => {
      const result = await reviewChatCallAction({ brandId, callId, verdict, note });
      if (!result.ok) setError(result.error.message);
    });
  }

  return (
    <form className="mt-3 flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
      <div className="grow">
        <Label htmlFor={noteId}>Note</Label>
        <Input id={noteId} name="note" maxLength={2000} placeholder="Needed for a flag" />
      </div>
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={(e) => submit("ok", e.currentTarget.form!)}
      >
        Mark reviewed
      </Button>
      <Button type="button" disabled={pending} onClick={(e) => submit("flagged", e.currentTarget.form!)}>
        Flag
      </Button>
      {error && (
        <p role="alert" className="w-full text-sm text-red-900">
          {error}
        </p>
      )}
    </form>
  );
}
