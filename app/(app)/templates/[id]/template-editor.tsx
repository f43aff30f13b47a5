"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Button, Input, Label } from "../../../_components/ui";
import { preview as previewAction, saveTemplateVersion } from "../actions";
import { PreviewFrame } from "./preview-frame";

type TemplateError = { message: string; path?: string; line?: number; column?: number };
type Preview = { parts: { html?: string; text?: string } } | { errors: TemplateError[] };

/** The definition as JSON with a live preview; compile errors show with line and column. */
export function TemplateEditor({
  brandId,
  templateKey,
  initial,
}: {
  brandId: string;
  templateKey: string;
  initial: string;
}) {
  const router = useRouter();
  const [text, setText] = useState(initial);
  const [note, setNote] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  useEffect(() => {
    const timer = setTimeout(async () => {
      let definition: unknown;
      try {
        definition = JSON.parse(text);
      } catch (err) {
        setPreview({ errors: [{ message: `Not valid JSON: ${(err as Error).message}` }] });
        return;
      }
      const result = await previewAction({ brandId, definition });
      if (!result.ok) setPreview({ errors: [{ message: result.error.message }] });
      else if (!result.data.ok) setPreview({ errors: result.data.errors });
      else setPreview({ parts: result.data.parts });
    }, 400);
    return () => clearTimeout(timer);
  }, [text, brandId]);

  function save() {
    setSaveError(null);
    start(async () => {
      let definition: unknown;
      try {
        definition = JSON.parse(text);
      } catch {
        setSaveError("The definition is not valid JSON");
        return;
      }
      const result = await saveTemplateVersion({ brandId, key: templateKey, definition, note });
      if (result.ok) router.push(`?v=${result.data.version}`);
      else setSaveError(result.error.message);
      router.refresh();
    });
  }

  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <div className="space-y-3">
        <Label htmlFor="template-json">Definition</Label>
        <textarea
          id="template-json"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={24}
          spellCheck={false}
          className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-xs text-slate-900"
        />
        <Label htmlFor="template-note">What changed</Label>
        <Input id="template-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
        <Button onClick={save} disabled={pending}>
          {pending ? "Saving…" : "Save as new version"}
        </Button>
        {saveError && (
          <p role="alert" className="text-sm text-red-900">
            {saveError}
          </p>
        )}
      </div>
      <div aria-live="polite">
        <h3 className="mb-2 text-sm font-medium text-slate-900">Live preview</h3>
        {preview && "errors" in preview ? (
          <ul
            className="space-y-1 rounded-md bg-red-50 p-3 text-sm text-red-900"
            data-testid="template-errors"
          >
            {preview.errors.map((e, i) => (
              <li key={i}>
                {e.path ? <code>{e.path}</code> : null}
                {e.line !== undefined ? ` line ${e.line}, column ${e.column}` : ""}
                {e.path || e.line !== undefined ? ": " : ""}
                {e.message}
              </li>
            ))}
          </ul>
        ) : preview ? (
          <PreviewFrame parts={preview.parts} title="Live preview" />
        ) : (
          <p className="text-sm text-slate-700">Rendering…</p>
        )}
      </div>
    </div>
  );
}
