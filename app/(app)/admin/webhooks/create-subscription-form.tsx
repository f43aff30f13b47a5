"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Button, Input, Label, Select } from "../../../_components/ui";
import { createSubscription } from "./actions";

interface FieldError {
  path: string;
  message: string;
}

export function CreateSubscriptionForm({
  brands,
  defaultBrandId,
  eventTypes,
}: {
  brands: { id: string; name: string }[];
  defaultBrandId: string;
  eventTypes: string[];
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);

  const fieldError = (field: string) => fieldErrors.find((e) => e.path.split(".")[0] === field)?.message;

  // A plain submit handler, not `<form action>`: React resets a form after its action runs, which
  // cleared the URL the admin had typed when the server refused it. Only success clears it.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    setError(null);
    setFieldErrors([]);
    setCreated(null);
    const input = {
      brandId: String(form.get("brandId") ?? ""),
      url: String(form.get("url") ?? ""),
      eventTypes: form.getAll("eventTypes").map(String) as never[],
    };
    startTransition(async () => {
      const result = await createSubscription(input);
      if (result.ok) {
        setCreated({ url: result.data.url, secret: result.data.secret });
        element.reset();
        return;
      }
      setError(result.error.message);
      if (Array.isArray(result.error.details)) setFieldErrors(result.error.details as FieldError[]);
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div aria-live="polite" className="empty:hidden">
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
            {error}
          </p>
        )}
        {created && (
          <div
            role="status"
            className="rounded-md border border-green-200 bg-green-50 p-4 text-sm text-green-900"
          >
            <p className="font-medium">Endpoint added: {created.url}</p>
            <p className="mt-1">
              Its signing secret is shown only now. Store it with the receiver; it verifies the
              <code className="mx-1">webhook-signature</code> header (Standard Webhooks).
            </p>
            <code
              data-testid="webhook-secret"
              className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono"
            >
              {created.secret}
            </code>
          </div>
        )}
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <Label htmlFor="webhook-brand">Brand</Label>
          <Select id="webhook-brand" name="brandId" defaultValue={defaultBrandId} className="mt-1 w-full">
            {brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="sm:col-span-2">
          <Label htmlFor="webhook-url">Endpoint URL</Label>
          <Input
            id="webhook-url"
            name="url"
            type="url"
            required
            placeholder="https://example.com/hooks/brandgate"
            aria-invalid={fieldError("url") ? true : undefined}
            aria-describedby={fieldError("url") ? "webhook-url-error" : undefined}
            className="mt-1"
          />
          {fieldError("url") && (
            <p id="webhook-url-error" className="mt-1 text-sm text-red-800">
              {fieldError("url")}
            </p>
          )}
        </div>
      </div>
      <fieldset aria-describedby={fieldError("eventTypes") ? "webhook-types-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Events</legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {eventTypes.map((t) => (
            <label key={t} className="inline-flex items-center gap-2 text-sm text-slate-900">
              <input type="checkbox" name="eventTypes" value={t} defaultChecked={t === "content.approved"} />
              <code>{t}</code>
            </label>
          ))}
        </div>
        {fieldError("eventTypes") && (
          <p id="webhook-types-error" className="mt-1 text-sm text-red-800">
            {fieldError("eventTypes")}
          </p>
        )}
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add endpoint"}
      </Button>
    </form>
  );
}
