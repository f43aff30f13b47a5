"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "../../../_components/ui";
import { applyFix } from "../actions";

export function FixButton({
  brandId,
  assetId,
  checkId,
  description,
}: {
  brandId: string;
  assetId: string;
  checkId: string;
  description: string;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="mt-2">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await applyFix({ brandId, assetId, checkId });
            if (result.ok) router.push(`/assets/${result.data.assetId}`);
            else setError(result.error.message);
          })
        }
      >
        {pending ? "Applying…" : `Fix: ${description}`}
      </Button>
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-900">
          {error}
        </p>
      )}
    </div>
  );
}
