import { checkResults } from "@/lib/metrics/content";
import type { CheckResult } from "./types";

/**
 * Runs one check; a check that throws is reported as a failed, crashed result so the
 * content is held rather than waved through unchecked.
 */
export function evaluateSafely(checkId: string, evaluate: () => CheckResult): CheckResult {
  const result = run(checkId, evaluate);
  checkResults.inc({ check: checkId, verdict: result.verdict });
  return result;
}

function run(checkId: string, evaluate: () => CheckResult): CheckResult {
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
