"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, Card, Input, Label } from "../../../_components/ui";
import { saveKit } from "../actions";

type Issue = { path: string; message: string };

/**
 * The kit as JSON: every field of the kit schema is editable, and the server's validation
 * names the field at fault (e.g. `palette.colours.2.hex`).
 */
export function KitEditor({
  brandId,
  baseVersion,
  initial,
}: {
  brandId: string;
  baseVersion: number | null;
  initial: string;
}) {
  const router = useRouter();
  const [text, setText] = useState(initial);
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
