"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, Card, Input, Label } from "../../_components/ui";
import { startBatch } from "./actions";

type UsableTemplate = { name: string; channel: string; versionId: string; version: number };

/** One generation per audience row of a CSV (header line; an optional unit_key column). */
export function BatchForm({ brandId, templates }: { brandId: string; templates: UsableTemplate[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("csv");
    setError(null);
    start(async () => {
      if (!(file instanceof File) || file.size === 0) {
        setError("Attach a CSV file");
        return;
      }
      const result = await startBatch({
        brandId,
        templateVersionId: String(form.get("template")),
        brief: { summary: String(form.get("summary") ?? ""), slots: {} },
        csv: await file.text(),
      });
      if (result.ok) router.push(`/studio/batches/${result.data.batchId}`);
      else setError(result.error.message);
    });
  }

  return (
    <Card className="mt-6">
      <h2 className="mb-3 text-base font-semibold">Batch from a CSV</h2>
      <form onSubmit={submit} className="space-y-3">
        <div className="space-y-1.5">
          <Label htmlFor="batch-template">Batch template</Label>
          <select
            id="batch-template"
            name="template"
            className="block rounded-md border border-slate-400 bg-white px-2.5 py-1.5 text-sm"
          >
            {templates.map((t) => (
              <option key={t.versionId} value={t.versionId}>
                {t.name} ({t.channel}, v{t.version})
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="batch-summary">Brief for every row</Label>
          <Input id="batch-summary" name="summary" required />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="batch-csv">Audience CSV</Label>
          <Input id="batch-csv" name="csv" type="file" accept=".csv,text/csv" required />
        </div>
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
            {error}
          </p>
        )}
        <Button type="submit" disabled={pending}>
          {pending ? "Starting…" : "Start batch"}
        </Button>
      </form>
    </Card>
  );
}
