"use client";

import { useState, useTransition } from "react";
import { Button } from "../../../_components/ui";
import { approveVersion } from "../actions";

export function ApproveButton({
  brandId,
  versionId,
  version,
}: {
  brandId: string;
  versionId: string;
  version: number;
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await approveVersion({ brandId, versionId });
            if (!result.ok) setError(result.error.message);
          })
        }
      >
        Approve<span className="sr-only"> v{version}</span>
      </Button>
      {error && (
        <span role="alert" className="text-xs text-red-900">
          {error}
        </span>
      )}
    </span>
  );
}
