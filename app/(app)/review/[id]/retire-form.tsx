"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { fieldMessage } from "../../../_components/field-message";
import { Button, Input, Label } from "../../../_components/ui";
import { retireAction } from "../actions";

/** Takes published content off the content API; a reason is required and audited. */
export function RetireForm({ brandId, contentItemId }: { brandId: string; contentItemId: string }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await retireAction({ brandId, contentItemId, reason });
          if (!result.ok) return setError(fieldMessage(result.error));
          router.refresh();
        });
      }}
    >
      <Label htmlFor="retire-reason">Why is it being retired?</Label>
      <Input
        id="retire-reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-invalid={!!error}
        className="mt-1"
      />
      <Button type="submit" variant="danger" className="mt-2" disabled={pending}>
        Retire from the content API
      </Button>
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-900">
          {error}
        </p>
      )}
    </form>
  );
}
