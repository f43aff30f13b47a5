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
  const record = node as Record<string, unknown>;
  if (typeof record.checkId === "string" && typeof record.verdict === "string") {
    out.set(record.checkId, (out.get(record.checkId) ?? false) || record.verdict === "fail");
    return;
  }
  for (const value of Object.values(record)) walk(value, out, depth + 1);
}
