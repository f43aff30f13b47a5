/**
 * Rendered HTML goes into a sandboxed iframe with no permissions at all (no scripts, no
 * same-origin), on top of the sanitiser: a preview can never act in the app's origin.
 */
export function PreviewFrame({ parts, title }: { parts: { html?: string; text?: string }; title: string }) {
  return (
    <div className="space-y-3" data-testid="template-preview">
      {parts.html !== undefined && (
        <iframe
          title={title}
          sandbox=""
          srcDoc={parts.html}
          className="h-96 w-full rounded border border-slate-200 bg-white"
        />
      )}
      {parts.text !== undefined && (
        <pre
          className="whitespace-pre-wrap rounded border border-slate-200 bg-slate-50 p-3 text-sm text-slate-900"
          aria-label={`${title} (text)`}
        >
          {parts.text}
        </pre>
      )}
    </div>
  );
}
