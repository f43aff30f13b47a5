"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "../../../_components/ui";
import { detachContent } from "./actions";

export function DetachButton(props: { brandId: string; placementId: string; contentItemId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <>
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await detachContent(props);
            if (result.ok) router.refresh();
            else setError(result.error.message);
          })
        }
      >
        Detach
      </Button>
      {error && (
        <span role="alert" className="ml-2 text-sm text-red-900">
          {error}
        </span>
      )}
    </>
  );
}
