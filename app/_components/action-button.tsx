"use client";

import { useState, useTransition } from "react";
import { Button } from "./ui";

/** A button that runs one server action and shows its error next to it. */
export function ActionButton({
  label,
  srLabel,
  run,
  variant = "secondary",
}: {
  label: string;
  srLabel?: string;
  variant?: "primary" | "secondary";
  run: () => Promise<{ ok: true } | { ok: false; error: { message: string } }>;
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant={variant}
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await run();
            setError(result.ok ? null : result.error.message);
          })
        }
      >
        {label}
        {srLabel && <span className="sr-only"> {srLabel}</span>}
      </Button>
      {error && (
        <span role="alert" className="text-xs text-red-900">
          {error}
        </span>
      )}
    </span>
  );
}
