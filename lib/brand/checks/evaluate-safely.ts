import { inChildSpanSync } from "@/lib/tracing/in-span";
import { tracingEnabled } from "@/lib/tracing/state";
import { checkResults } from "@/lib/metrics/content";
import type { CheckResult } from "./types";

/**
 * Runs one check; a check that throws is reported as a failed, crashed result so the
 * content is held rather than waved through unchecked. Inside a trace, each run is a span
 * (`check <id>`) with its verdict.
 */
export function evaluateSafely(checkId: string, evaluate: () => CheckResult): CheckResult {
  // Checked here too, before the span's name and attributes are built: checks are a hot loop.
  const result = tracingEnabled()
    ? inChildSpanSync(
        `check ${checkId}`,
        { "brandgate.check.id": checkId },
        () => evaluateCatching(checkId, evaluate),
        (r) => ({ "brandgate.check.verdict": r.verdict }),
      )
    : evaluateCatching(checkId, evaluate);
  checkResults.inc({ check: checkId, verdict: result.verdict });
  return result;
}

function evaluateCatching(checkId: string, evaluate: () => CheckResult): CheckResult {
  try {
    return evaluate();
  } catch (error) {
    return {
      checkId,
      verdict: "fail",
      explanation: `This check could not run (${error instanceof Error ? error.message : "unknown error"}); the content is held until it can.`,
      spans: [],
      flags: { crashed: true },
    };
  }
}
