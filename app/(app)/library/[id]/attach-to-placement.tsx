"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, Input, Label } from "../../../_components/ui";
import { attachContent } from "../placements/actions";

/** Attaches this approved item to a placement by key; a new key creates the placement. */
export function AttachToPlacement({
  brandId,
  contentItemId,
  knownKeys,
}: {
  brandId: string;
  contentItemId: string;
  knownKeys: string[];
}) {
  const router = useRouter();
  const [key, setKey] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await attachContent({ brandId, contentItemId, placementKey: key });
          if (result.ok) {
            setMessage({
              ok: true,
              text: result.data.attached
                ? `Attached to ${result.data.key}${result.data.created ? " (new placement)" : ""}.`
                : `Already attached to ${result.data.key}.`,
            });
            setKey("");
            router.refresh();
          } else setMessage({ ok: false, text: result.error.message });
        });
      }}
    >
      <div>
        <Label htmlFor="placement-key">Placement key</Label>
        <Input
          id="placement-key"
          list="placement-keys"
          placeholder="home-hero"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          required
        />
        <datalist id="placement-keys">
          {knownKeys.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
      </div>
      <Button type="submit" disabled={pending || key.trim() === ""}>
        Attach to placement
      </Button>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-sm" : "text-sm text-red-900"}>
          {message.text}
        </p>
      )}
    </form>
  );
}
