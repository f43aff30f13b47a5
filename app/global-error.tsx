"use client";

import "./globals.css";

/**
 * The last resort: the root layout itself failed, so this replaces it and brings its own
 * <html> and <body>. Plain on purpose: nothing here may depend on what just failed.
 */
export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <main className="flex min-h-screen items-center justify-center px-4">
          <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <p className="text-sm font-bold tracking-tight text-brand-900">Brandgate</p>
            <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">
              Brandgate is not responding
            </h1>
            <p className="mt-2 text-sm text-slate-700">
              The application could not be shown. Try again in a moment; if it keeps happening, tell your
              admin.
            </p>
            {error.digest && (
              <p className="mt-2 text-xs text-slate-700">
                Reference: <code>{error.digest}</code>
              </p>
            )}
            <button
              type="button"
              onClick={reset}
              className="mt-4 inline-flex rounded-md bg-brand-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-900"
            >
              Try again
            </button>
          </div>
        </main>
      </body>
    </html>
  );
}
