"use client";

import { useState, useTransition } from "react";
import { Button, Input, Label } from "../../_components/ui";
import { saveChatSettings } from "./actions";

/** The brand's chat lane for API keys, and the share of calls sampled for review. */
export function ChatSettingsForm({
  brandId,
  enabled,
  reviewSampleRate,
}: {
  brandId: string;
  enabled: boolean;
  reviewSampleRate: number;
}) {
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSave(form: FormData) {
    setError(null);
    setStatus(null);
    startTransition(async () => {
      const result = await saveChatSettings({
        brandId,
        enabled: form.get("enabled") === "on",
        reviewSampleRate: Number(form.get("samplePercent")) / 100,
      });
      if (result.ok) setStatus("Chat settings saved");
      else setError(result.error.message);
    });
  }

  return (
    <form action={onSave} className="grid gap-4 p-6 sm:grid-cols-2" aria-labelledby="chat-settings-title">
      <h2 id="chat-settings-title" className="text-base font-semibold text-slate-900 sm:col-span-2">
        Chat completions
      </h2>
      <p className="text-sm text-slate-700 sm:col-span-2">
        Lets chat-enabled API keys call <code>/api/v1/chat/completions</code>. Every call is recorded; the
        sample below goes to the chat review queue.
      </p>
      <label className="flex items-center gap-2 text-sm text-slate-900">
        <input type="checkbox" name="enabled" defaultChecked={enabled} />
        Open the chat lane to API keys
      </label>
      <div>
        <Label htmlFor="chat-sample">Review sample (% of completed calls)</Label>
        <Input
          id="chat-sample"
          name="samplePercent"
          type="number"
          min={0}
          max={100}
          step="any"
          defaultValue={Math.round(reviewSampleRate * 10_000) / 100}
          className="w-32"
        />
      </div>
      <div className="flex items-center gap-3 sm:col-span-2" aria-live="polite">
        <Button type="submit" disabled={pending}>
          Save
        </Button>
        {error && (
          <p role="alert" className="text-sm text-red-900">
            {error}
          </p>
        )}
        {status && !error && <p className="text-sm text-green-900">{status}</p>}
      </div>
    </form>
  );
}
