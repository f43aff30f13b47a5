"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "../../../_components/ui";
import { submitContent } from "../../studio/actions";

export function SubmitButton({
  brandId,
  contentItemId,
  disabled,
}: {
  brandId: string;
  contentItemId: string;
  disabled: boolean;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <div>
      <Button
        disabled={pending || disabled}
        onClick={() =>
          start(async () => {
            const result = await submitContent({ brandId, contentItemId });
            if (result.ok) router.refresh();
            else setError(result.error.message);
          })
        }
      >
        Submit for review
      </Button>
      {disabled && (
        <p className="mt-1 text-sm text-slate-700">Fix the blocking findings before submitting.</p>
      )}
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-900">
          {error}
        </p>
      )}
    </div>
  );
}
