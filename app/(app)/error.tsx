"use client";

import { useEffect } from "react";
import { Button, Card } from "../_components/ui";

/**
 * A page that throws renders this inside the app's shell (navigation stays usable). The
 * server already logged the error with its digest; the digest is shown so a user can quote
 * it, and nothing else about the error is (messages may carry internals).
 */
export default function AppError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <Card className="max-w-xl">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-700">
        This page could not be shown. Nothing you entered was saved by this attempt. Try again, or go back to
        where you were.
      </p>
      {error.digest && (
        <p className="mt-2 text-xs text-slate-700">
          Reference: <code>{error.digest}</code>
        </p>
      )}
      <div className="mt-4 flex flex-wrap gap-3">
        <Button onClick={reset}>Try again</Button>
        <Button variant="secondary" onClick={() => history.back()}>
          Go back
        </Button>
      </div>
    </Card>
  );
}
