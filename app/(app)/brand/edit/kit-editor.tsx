"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, Card, Input, Label } from "../../../_components/ui";
import type { LogoCandidate } from "@/lib/brand/kits/kit-logos";
import { saveKit } from "../actions";

type Issue = { path: string; message: string };

/**
 * The kit as JSON: every field of the kit schema is editable, and the server's validation
 * names the field at fault (e.g. `palette.colours.2.hex`). The logos are picked from the
 * brand's uploaded logos; one that failed the logo checks is shown with why and cannot be picked.
 */
export function KitEditor({
  brandId,
  baseVersion,
  initial,
  initialLogos,
  candidates,
}: {
  brandId: string;
  baseVersion: number | null;
  initial: string;
  initialLogos: string[];
  candidates: LogoCandidate[];
}) {
  const router = useRouter();
  const [text, setText] = useState(initial);
  const [logos, setLogos] = useState<string[]>(initialLogos);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [pending, start] = useTransition();

  function save() {
    setError(null);
    setIssues([]);
    let content: unknown;
    try {
      content = JSON.parse(text);
    } catch (err) {
      setError(`The kit is not valid JSON: ${(err as Error).message}`);
      return;
    }
    if (typeof content === "object" && content !== null && !Array.isArray(content))
      content = { ...content, logos: logos.map((assetId) => ({ assetId })) };
    start(async () => {
      const result = await saveKit({ brandId, baseVersion, content, note });
      if (result.ok) {
        router.push("/brand");
        router.refresh();
        return;
      }
      setError(result.error.message);
      if (Array.isArray(result.error.details)) setIssues(result.error.details as Issue[]);
    });
  }

  return (
    <Card>
      <div className="space-y-4">
        <div className="space-y-1.5">
          <Label htmlFor="kit-json">Kit</Label>
          <textarea
            id="kit-json"
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={28}
            spellCheck={false}
            aria-describedby={error ? "kit-error" : undefined}
            aria-invalid={error ? true : undefined}
            className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-xs text-slate-900"
          />
        </div>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-900">Logos</legend>
          <p id="logos-help" className="text-sm text-slate-700">
            Templates show the first logo picked; with none, they show the brand name as text. Upload logos on
            the Assets page with role &ldquo;logo&rdquo;.
          </p>
          {candidates.length === 0 ? (
            <p className="text-sm text-slate-700">This brand has no uploaded logos yet.</p>
          ) : (
            <ul className="grid gap-2 sm:grid-cols-2">
              {candidates.map((c) => {
                const picked = logos.includes(c.assetId);
                const inputId = `logo-${c.assetId}`;
                return (
                  <li
                    key={c.assetId}
                    className="flex items-center gap-3 rounded-md border border-slate-300 bg-white p-2"
                  >
                    <input
                      id={inputId}
                      type="checkbox"
                      checked={picked}
                      disabled={c.refusal !== null && !picked}
                      aria-describedby={c.refusal ? `${inputId}-why` : "logos-help"}
                      onChange={(e) =>
                        setLogos((now) =>
                          e.target.checked ? [...now, c.assetId] : now.filter((id) => id !== c.assetId),
                        )
                      }
                      className="h-4 w-4"
                    />
                    {/* eslint-disable-next-line @next/next/no-img-element -- a private, session-authorised asset route */}
                    <img
                      src={`/api/assets/${c.assetId}/image?brandId=${brandId}`}
                      alt=""
                      className="h-10 w-16 shrink-0 rounded bg-[repeating-conic-gradient(#e2e8f0_0_25%,#fff_0_50%)] bg-[length:12px_12px] object-contain"
                    />
                    <span className="min-w-0 text-sm">
                      <label htmlFor={inputId} className="block break-words font-medium text-slate-900">
                        {c.name}
                        {picked && logos[0] === c.assetId ? " (shown in templates)" : ""}
                      </label>
                      {c.refusal && (
                        <span id={`${inputId}-why`} className="block text-red-800">
                          {c.refusal}
                        </span>
                      )}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </fieldset>
        <div className="space-y-1.5">
          <Label htmlFor="kit-note">What changed</Label>
          <Input id="kit-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
        </div>
        <div aria-live="assertive">
          {error && (
            <div id="kit-error" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
              <p>{error}</p>
              {issues.length > 0 && (
                <ul className="mt-1 list-disc pl-5">
                  {issues.map((i) => (
                    <li key={`${i.path}:${i.message}`}>
                      <code>{i.path || "(kit)"}</code>: {i.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
        <Button onClick={save} disabled={pending}>
          {pending ? "Saving…" : "Save as new version"}
        </Button>
      </div>
    </Card>
  );
}
