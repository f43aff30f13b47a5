/**
 * Which checks ran on one subject and which of them failed, read from stored check results in
 * either shape they are kept in: a list of results (check_runs.results) or results per slot
 * (content_revisions.check_results: `{ slot: { results: [...] } }`). A check that failed in any
 * slot failed for the subject. Anything else in the JSON is ignored.
 */
export function collectCheckVerdicts(json: unknown): Map<string, boolean> {
  const failed = new Map<string, boolean>();
  walk(json, failed, 0);
  return failed;
}

function walk(node: unknown, out: Map<string, boolean>, depth: number): void {
  // Stored results nest three deep at most; the bound keeps odd JSON from costing much.
  if (depth > 4 || node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const item of node) walk(item, out, depth + 1);
    return;
  }
  if ("checkId" in node && "verdict" in node) {
    const { checkId, verdict } = node;
    if (typeof checkId === "string" && typeof verdict === "string") {
      out.set(checkId, (out.get(checkId) ?? false) || verdict === "fail");
      return;
    }
  }
  for (const value of Object.values(node)) walk(value, out, depth + 1);
}
