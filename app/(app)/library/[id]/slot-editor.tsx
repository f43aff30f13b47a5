"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "../../../_components/ui";
import { saveSlot } from "../../studio/actions";

/** Editing a field makes a new revision; its checks run again on save. */
export function SlotEditor({
  brandId,
  contentItemId,
  slot,
  value,
}: {
  brandId: string;
  contentItemId: string;
  slot: string;
  value: string | string[];
}) {
  const router = useRouter();
  const isList = Array.isArray(value);
  const [text, setText] = useState(isList ? value.join("\n") : value);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="mt-2 space-y-2">
      <label htmlFor={`edit-${slot}`} className="sr-only">
        Edit {slot}
      </label>
      <textarea
        id={`edit-${slot}`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={isList ? 3 : 2}
        className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm"
      />
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            setError(null);
            const result = await saveSlot({
              brandId,
              contentItemId,
              slot,
              value: isList
                ? text
                    .split("\n")
                    .map((s) => s.trim())
                    .filter(Boolean)
                : text,
            });
            if (result.ok) router.refresh();
            else setError(result.error.message);
          })
        }
      >
        {pending ? "Checking…" : `Save ${slot}`}
      </Button>
      {error && (
        <p role="alert" className="text-sm text-red-900">
          {error}
        </p>
      )}
    </div>
  );
}
