"use client";

import { useState, useTransition } from "react";
import type { ApiKeyScope } from "@/db/schema/api-keys";
import type { ApiKeyView } from "@/lib/api-keys/api-key-view";
import { formatDateTime } from "../../../_components/format-date-time";
import { CHANNELS } from "@/lib/brand/kit";
import { Badge, Button, Input, Label, Select, TableScroll } from "../../../_components/ui";
import { createKeyAction, revokeKeyAction, rotateKeyAction } from "./actions";

const GRACE_CHOICES = [
  { seconds: 0, label: "Stop the old key now" },
  { seconds: 3600, label: "1 hour" },
  { seconds: 86_400, label: "24 hours" },
  { seconds: 7 * 86_400, label: "7 days" },
];

const STATUS_TONE = { active: "green", rotating: "blue", revoked: "red", expired: "slate" } as const;

interface Brand {
  id: string;
  name: string;
}

interface FieldError {
  path: string;
  message: string;
}

type Result = { ok: true } | { ok: false; error: { message: string; details?: unknown } };

function fmt(d: Date | string | null, locale: string) {
  return d ? formatDateTime(d, locale) : "—";
}

/** The new key, once. Leaving the page forgets it for good. */
function OneTimeKey({ label, plaintext, onDone }: { label: string; plaintext: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="m-6 rounded-md border border-amber-300 bg-amber-50 p-4">
      <p className="text-sm font-medium text-amber-950">{label} Copy it now: it will not be shown again.</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code data-testid="new-api-key" className="rounded bg-white px-2 py-1 font-mono text-sm break-all">
          {plaintext}
        </code>
        <Button
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard.writeText(plaintext);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}

export function ApiKeysPanel({
  brands,
  defaultBrandId,
  keys,
  allScopes,
  locale,
}: {
  brands: Brand[];
  /** The reader's locale, from the server, so dates read the same before and after hydration. */
  locale: string;
  /** Passed from the server so the schema module stays out of the browser bundle. */
  allScopes: readonly ApiKeyScope[];
  defaultBrandId: string;
  keys: ApiKeyView[];
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [shown, setShown] = useState<{ label: string; plaintext: string } | null>(null);
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["checks"]);
  const [grace, setGrace] = useState<Record<string, number>>({});
  const brandName = (id: string) => brands.find((b) => b.id === id)?.name ?? id;
  const fieldError = (path: string) => fieldErrors.find((e) => e.path === path)?.message;

  function run(fn: () => Promise<Result>, done: string) {
    setError(null);
    setFieldErrors([]);
    setStatus(null);
    startTransition(async () => {
      const result = await fn();
      if (result.ok) {
        setStatus(done);
        return;
      }
      setError(result.error.message);
      if (Array.isArray(result.error.details)) setFieldErrors(result.error.details as FieldError[]);
    });
  }

  function onCreate(form: FormData) {
    const expires = String(form.get("expiresAt") ?? "");
    run(async () => {
      const result = await createKeyAction({
        brandId: String(form.get("brandId")),
        name: String(form.get("name") ?? ""),
        scopes,
        chatEnabled: form.get("chatEnabled") === "on",
        defaultChannel: String(form.get("defaultChannel") ?? "") || null,
        rateLimitPerMinute: Number(form.get("rateLimitPerMinute")),
        monthlyGenerationQuota: Number(form.get("monthlyGenerationQuota")),
        expiresAt: expires ? new Date(`${expires}T23:59:59`) : null,
      });
      if (result.ok)
        setShown({ label: `Key “${result.data.name}” created.`, plaintext: result.data.plaintext });
      return result;
    }, "Key created");
  }

  return (
    <div>
      <div aria-live="polite" className="px-6 pt-4 empty:hidden">
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
            {error}
          </p>
        )}
        {status && !error && <p className="text-sm text-green-900">{status}</p>}
      </div>
      {shown && <OneTimeKey {...shown} onDone={() => setShown(null)} />}

      <form action={onCreate} className="grid gap-4 border-b border-slate-200 p-6 sm:grid-cols-2">
        <h2 className="text-base font-semibold text-slate-900 sm:col-span-2">New key</h2>
        <div>
          <Label htmlFor="key-name">Name</Label>
          <Input
            id="key-name"
            name="name"
            required
            maxLength={100}
            aria-invalid={!!fieldError("name")}
            aria-describedby="key-name-error"
          />
          <p id="key-name-error" className="mt-1 text-xs text-red-900 empty:hidden">
            {fieldError("name")}
          </p>
        </div>
        <div>
          <Label htmlFor="key-brand">Brand</Label>
          <Select id="key-brand" name="brandId" defaultValue={defaultBrandId} className="w-full">
            {brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </Select>
        </div>
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-medium text-slate-800">Scopes</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {allScopes.map((s) => (
              <label key={s} className="inline-flex items-center gap-1.5 text-sm text-slate-800">
                <input
                  type="checkbox"
                  checked={scopes.includes(s)}
                  onChange={(e) =>
                    setScopes((cur) => (e.target.checked ? [...cur, s] : cur.filter((x) => x !== s)))
                  }
                />
                {s}
              </label>
            ))}
          </div>
          <p className="mt-1 text-xs text-red-900 empty:hidden">{fieldError("scopes")}</p>
        </fieldset>
        <div>
          <Label htmlFor="key-rate">Requests per minute</Label>
          <Input id="key-rate" name="rateLimitPerMinute" type="number" min={1} defaultValue={600} required />
          <p className="mt-1 text-xs text-red-900 empty:hidden">{fieldError("rateLimitPerMinute")}</p>
        </div>
        <div>
          <Label htmlFor="key-quota">Generations per month</Label>
          <Input
            id="key-quota"
            name="monthlyGenerationQuota"
            type="number"
            min={0}
            defaultValue={10000}
            required
          />
          <p className="mt-1 text-xs text-red-900 empty:hidden">{fieldError("monthlyGenerationQuota")}</p>
        </div>
        <div>
          <Label htmlFor="key-expiry">Expires (optional)</Label>
          <Input id="key-expiry" name="expiresAt" type="date" />
          <p className="mt-1 text-xs text-red-900 empty:hidden">{fieldError("expiresAt")}</p>
        </div>
        <label className="inline-flex items-center gap-2 self-end text-sm text-slate-800">
          <input type="checkbox" name="chatEnabled" />
          Allow chat completions (/api/v1/chat/completions)
        </label>
        <div>
          <Label htmlFor="key-channel">Default chat channel</Label>
          <Select id="key-channel" name="defaultChannel" defaultValue="">
            <option value="">None: every chat call names its channel</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
          <p className="mt-1 text-xs text-slate-700">
            The channel whose limits the chat lane checks answers against when a call sends no
            x-brandgate-channel header.
          </p>
          <p className="mt-1 text-xs text-red-900 empty:hidden">{fieldError("defaultChannel")}</p>
        </div>
        <div className="sm:col-span-2">
          <Button type="submit" disabled={pending}>
            Create key
          </Button>
        </div>
      </form>

      <TableScroll label="API keys">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">API keys</caption>
          <thead className="border-b border-slate-200 text-slate-700">
            <tr>
              {["Name", "Key", "Brand", "Scopes", "Last used", "Expires", "Status"].map((h) => (
                <th key={h} scope="col" className="px-4 py-3 font-medium">
                  {h}
                </th>
              ))}
              <th scope="col" className="px-4 py-3 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.length === 0 && (
              <tr>
                <td colSpan={8} className="px-4 py-6 text-center text-slate-700">
                  No keys yet.
                </td>
              </tr>
            )}
            {keys.map((k) => {
              const live = k.status === "active" || k.status === "rotating";
              return (
                <tr
                  key={k.id}
                  className="border-b border-slate-100 last:border-0"
                  data-testid={`api-key-${k.prefix}`}
                >
                  <td className="px-4 py-3 font-medium text-slate-900">{k.name}</td>
                  <td className="px-4 py-3 font-mono text-xs text-slate-800">{k.prefix}…</td>
                  <td className="px-4 py-3 text-slate-800">{brandName(k.brandId)}</td>
                  <td className="px-4 py-3 text-slate-800">
                    {k.scopes.join(", ")}
                    {k.chatEnabled && (
                      <span className="ml-1 text-xs text-slate-700">
                        (chat{k.defaultChannel ? `, ${k.defaultChannel}` : ""})
                      </span>
                    )}
                  </td>
                  <td className="px-4 py-3 text-slate-800">{fmt(k.lastUsedAt, locale)}</td>
                  <td className="px-4 py-3 text-slate-800">
                    {k.status === "rotating"
                      ? `${fmt(k.revokedAt, locale)} (rotated)`
                      : fmt(k.expiresAt, locale)}
                  </td>
                  <td className="px-4 py-3">
                    <Badge tone={STATUS_TONE[k.status]}>{k.status}</Badge>
                  </td>
                  <td className="px-4 py-3">
                    {live && (
                      <div className="flex flex-wrap items-center justify-end gap-2">
                        {k.status === "active" && (
                          <>
                            {/* A visible label: "24 hours" alone did not say what it sets. */}
                            <label className="flex items-center gap-1.5 text-xs text-slate-700">
                              <span>Old key works</span>
                              <Select
                                // The name starts with the visible label (WCAG 2.5.3); the prefix tells rows apart.
                                aria-label={`Old key works for (${k.prefix}…)`}
                                value={grace[k.id] ?? 86_400}
                                onChange={(e) => setGrace((g) => ({ ...g, [k.id]: Number(e.target.value) }))}
                              >
                                {GRACE_CHOICES.map((c) => (
                                  <option key={c.seconds} value={c.seconds}>
                                    {c.label}
                                  </option>
                                ))}
                              </Select>
                            </label>
                            <Button
                              variant="secondary"
                              disabled={pending}
                              onClick={() =>
                                run(async () => {
                                  const result = await rotateKeyAction({
                                    brandId: k.brandId,
                                    keyId: k.id,
                                    graceSeconds: grace[k.id] ?? 86_400,
                                  });
                                  if (result.ok)
                                    setShown({
                                      label: `Key “${result.data.name}” rotated: ${result.data.oldPrefix}… stops ${result.data.oldStopsAt ? formatDateTime(result.data.oldStopsAt, locale) : "now"}.`,
                                      plaintext: result.data.plaintext,
                                    });
                                  return result;
                                }, `${k.prefix}… rotated`)
                              }
                            >
                              Rotate<span className="sr-only"> {k.prefix}</span>
                            </Button>
                          </>
                        )}
                        <Button
                          variant="danger"
                          disabled={pending}
                          onClick={() => {
                            if (
                              !window.confirm(
                                `Revoke ${k.prefix}…? Apps using it are refused at their next request.`,
                              )
                            )
                              return;
                            run(
                              () => revokeKeyAction({ brandId: k.brandId, keyId: k.id }),
                              `${k.prefix}… revoked`,
                            );
                          }}
                        >
                          Revoke<span className="sr-only"> {k.prefix}</span>
                        </Button>
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
