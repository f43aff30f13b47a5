/** Shown inside the app's shell while a page's server work runs (navigation stays usable). */
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">Loading…</span>
      <div aria-hidden="true" className="h-8 w-48 animate-pulse rounded-md bg-slate-200" />
      <div aria-hidden="true" className="h-4 w-full max-w-md animate-pulse rounded bg-slate-200" />
      <div
        aria-hidden="true"
        className="h-40 w-full animate-pulse rounded-lg border border-slate-200 bg-white"
      />
    </div>
  );
}
