"use client";

import { useState, useTransition } from "react";
import { Button } from "../../../_components/ui";
import { verifyChain } from "./actions";

export function VerifyChainButton({ brandId }: { brandId: string }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await verifyChain({ brandId });
            if (!result.ok) setMessage({ ok: false, text: result.error.message });
            else if (result.data.ok)
              setMessage({ ok: true, text: `Chain intact: ${result.data.checked} entries verified.` });
            else
              setMessage({
                ok: false,
                text: `Chain broken at entry ${result.data.firstBrokenSeq}: ${result.data.reason}.`,
              });
          })
        }
      >
        {pending ? "Verifying…" : "Verify chain"}
      </Button>
      <p aria-live="polite" className="text-sm empty:hidden">
        {message && (
          <span
            role={message.ok ? "status" : "alert"}
            className={message.ok ? "text-green-900" : "text-red-900"}
          >
            {message.text}
          </span>
        )}
      </p>
    </div>
  );
}
