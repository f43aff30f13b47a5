"use client";

import { useState, useTransition } from "react";
import { Button, Input, Label, Select } from "../../_components/ui";
import { removeBudget, saveBudget } from "./actions";

/** Sets the brand's or one key's monthly budget (admins). */
export function BudgetForm({ brandId, keys }: { brandId: string; keys: { id: string; name: string }[] }) {
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSave(form: FormData) {
    setError(null);
    setStatus(null);
    const target = String(form.get("target"));
    startTransition(async () => {
      const result = await saveBudget({
        brandId,
        scope: target === "brand" ? "brand" : "key",
        apiKeyId: target === "brand" ? null : target,
        limitUsd: String(form.get("limitUsd")).trim(),
        warnAt: Number(form.get("warnPercent")) / 100,
      });
      if (result.ok) setStatus("Budget saved");
      else setError(result.error.message);
    });
  }

  return (
    <form action={onSave} className="grid gap-4 sm:grid-cols-3" aria-labelledby="budget-form-title">
      <h2 id="budget-form-title" className="text-lg font-semibold text-slate-900 sm:col-span-3">
        Set a monthly budget
      </h2>
      <div>
        <Label htmlFor="budget-target">For</Label>
        <Select id="budget-target" name="target" defaultValue="brand" className="w-full">
          <option value="brand">The whole brand</option>
          {keys.map((k) => (
            <option key={k.id} value={k.id}>
              API key: {k.name}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor="budget-limit">Limit per month (USD)</Label>
        <Input
          id="budget-limit"
          name="limitUsd"
          inputMode="decimal"
          required
          placeholder="250.00"
          className="w-full"
        />
      </div>
      <div>
        <Label htmlFor="budget-warn">Warn at (% of the limit)</Label>
        <Input
          id="budget-warn"
          name="warnPercent"
          type="number"
          min={1}
          max={100}
          defaultValue={80}
          className="w-full"
        />
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-3" aria-live="polite">
        <Button type="submit" disabled={pending}>
          Save budget
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

export function RemoveBudgetButton({ brandId, budgetId }: { brandId: string; budgetId: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await removeBudget({ brandId, budgetId });
            if (!result.ok) setError(result.error.message);
          })
        }
      >
        Remove
      </Button>
      {error && (
        <span role="alert" className="ml-2 text-sm text-red-900">
          {error}
        </span>
      )}
    </>
  );
}
