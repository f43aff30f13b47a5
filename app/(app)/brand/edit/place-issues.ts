export type Issue = { path: string; message: string };

/**
 * Hands each validation issue to the form field that shows it: the longest slot (a kit path
 * such as `palette.colours.2.hex` or `competitors`) that is the issue's path or an ancestor of
 * it. The save action validates its whole input, so kit paths arrive under `content.`; that
 * prefix is dropped. Issues no slot claims are returned apart, for the summary by the button.
 */
export function placeIssues(issues: readonly Issue[], slots: readonly string[]) {
  const bySlot = new Map<string, Issue[]>();
  const unplaced: Issue[] = [];
  for (const issue of issues) {
    const path = issue.path.replace(/^content\./, "");
    const slot = slots
      .filter((s) => path === s || path.startsWith(`${s}.`))
      .reduce<string | null>((best, s) => (best === null || s.length > best.length ? s : best), null);
    if (slot === null) unplaced.push(issue);
    else bySlot.set(slot, [...(bySlot.get(slot) ?? []), { path, message: issue.message }]);
  }
  return { bySlot, unplaced };
}
