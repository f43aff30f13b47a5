/** A signal that aborts at the version's deadline or when the caller aborts, whichever comes first. */
export function versionDeadline(callerSignal: AbortSignal, deadlineMs: number) {
  const controller = new AbortController();
  const deadlineAt = performance.now() + deadlineMs;
  const timer = setTimeout(() => controller.abort(new Error("deadline")), deadlineMs);
  const onCallerAbort = () => controller.abort(callerSignal.reason);
  if (callerSignal.aborted) onCallerAbort();
  else callerSignal.addEventListener("abort", onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    deadlineAt,
    dispose() {
      clearTimeout(timer);
      callerSignal.removeEventListener("abort", onCallerAbort);
    },
  };
}
