"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, Input, Label, Select } from "../../_components/ui";
import { createModelAction } from "./actions";

/** "New model": a name, its slug (the OpenAI `model` id clients send) and its canary policy. */
export function NewModelForm({ brandId }: { brandId: string }) {
  const router = useRouter();
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function onCreate(form: FormData) {
    setError(null);
    startTransition(async () => {
      const slug = String(form.get("slug") ?? "").trim();
      const result = await createModelAction({
        brandId,
        kind: String(form.get("kind")) as "generation" | "personalisation",
        name: String(form.get("name") ?? ""),
        ...(slug && { slug }),
        policy: {
          autoCanary: form.get("autoCanary") === "on",
          canaryWeight: Number(form.get("canaryWeight") ?? 5),
        },
      });
      if (result.ok) router.push(`/models/${result.data.slug}/register`);
      else {
        const details = result.error.details as { path?: string }[] | { path?: string } | undefined;
        const field = Array.isArray(details) ? details[0]?.path : details?.path;
        setError({ message: result.error.message, field });
      }
    });
  }

  return (
    <form action={onCreate} className="grid gap-4 p-6 sm:grid-cols-4" aria-labelledby="new-model-title">
      <h2 id="new-model-title" className="text-base font-semibold text-slate-900 sm:col-span-4">
        New model
      </h2>
      <div className="sm:col-span-2">
        <Label htmlFor="model-name">Name</Label>
        <Input id="model-name" name="name" required maxLength={100} aria-invalid={error?.field === "name"} />
      </div>
      <div>
        <Label htmlFor="model-slug">Slug (optional)</Label>
        <Input
          id="model-slug"
          name="slug"
          placeholder="from the name"
          pattern="[a-z0-9][a-z0-9._\-]{0,62}"
          aria-invalid={error?.field === "slug"}
        />
      </div>
      <div>
        <Label htmlFor="model-kind">Kind</Label>
        <Select id="model-kind" name="kind" defaultValue="generation" className="w-full">
          <option value="generation">generation</option>
          <option value="personalisation">personalisation</option>
        </Select>
      </div>
      <div className="flex items-center gap-2 sm:col-span-2">
        <input id="model-auto-canary" name="autoCanary" type="checkbox" defaultChecked className="h-4 w-4" />
        <Label htmlFor="model-auto-canary">Open a canary when a version passes its evaluation</Label>
      </div>
      <div>
        <Label htmlFor="model-canary-weight">First canary weight (%)</Label>
        <Input id="model-canary-weight" name="canaryWeight" type="number" min={1} max={50} defaultValue={5} />
      </div>
      <div className="flex items-center gap-3 sm:col-span-4" aria-live="polite">
        <Button type="submit" disabled={pending}>
          Create model
        </Button>
        {error && (
          <p role="alert" className="text-sm text-red-900">
            {error.message}
          </p>
        )}
      </div>
    </form>
  );
}
