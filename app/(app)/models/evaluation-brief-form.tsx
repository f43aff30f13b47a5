"use client";

import { useState, useTransition } from "react";
import { Button, Input, Label, Select } from "../../_components/ui";
import { addBrandEvaluationBrief } from "./actions";

/** Adds one of the brand's own briefs to the set every new model version is evaluated on. */
export function EvaluationBriefForm({ brandId, templates }: { brandId: string; templates: string[] }) {
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onAdd(form: FormData) {
    setError(null);
    setStatus(null);
    startTransition(async () => {
      const audience = String(form.get("audience") ?? "").trim();
      const result = await addBrandEvaluationBrief({
        brandId,
        template: String(form.get("template")),
        summary: String(form.get("summary") ?? ""),
        ...(audience && { audience }),
      });
      if (result.ok) setStatus("Brief added; the next evaluation runs it");
      else setError(result.error.message);
    });
  }

  return (
    <form action={onAdd} className="grid gap-4 p-6 sm:grid-cols-2" aria-labelledby="eval-brief-title">
      <h2 id="eval-brief-title" className="text-base font-semibold text-slate-900 sm:col-span-2">
        Add a brief to the evaluation set
      </h2>
      <div>
        <Label htmlFor="eval-template">Template</Label>
        <Select id="eval-template" name="template" defaultValue={templates[0]}>
          {templates.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor="eval-audience">Audience (optional)</Label>
        <Input id="eval-audience" name="audience" maxLength={500} />
      </div>
      <div className="sm:col-span-2">
        <Label htmlFor="eval-summary">Brief</Label>
        <Input id="eval-summary" name="summary" required minLength={10} maxLength={2000} />
      </div>
      <div className="flex items-center gap-3 sm:col-span-2" aria-live="polite">
        <Button type="submit" disabled={pending}>
          Add brief
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
