"use client";

import { useState, useTransition } from "react";
import { Button } from "../../_components/ui";
import { publishKit } from "./actions";

export function PublishButton({
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
      {error && (
        <span role="alert" className="text-xs text-red-900">
          {error}
        </span>
      )}
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await publishKit({ brandId, versionId });
            if (!result.ok) setError(result.error.message);
          })
        }
      >
        Publish<span className="sr-only"> v{version}</span>
      </Button>
    </span>
  );
}
