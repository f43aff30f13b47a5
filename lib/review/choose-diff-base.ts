/** Review actions that are a reviewer's verdict on a revision (claims and edits are not). */
const VERDICTS = new Set(["approved", "stage_passed", "published", "rejected", "changes_requested"]);

export interface DiffBaseOptions {
  /** Revision numbers with their ids, any order. */
  revisions: { id: string; number: number }[];
  /** The item's review history, any order. */
  history: { action: string; revisionId: string | null; userId: string | null; at: Date }[];
  /** The reviewer reading the page. */
  userId: string;
}

export interface DiffBase {
  from: number;
  to: number;
  /**
   * `my_last_decision`: from the revision this reviewer last gave a verdict on, so the diff
   * is exactly what changed since they looked; `previous`: the last two revisions, for a
   * reviewer who has not decided yet, or whose last verdict was on the current revision.
   */
  reason: "my_last_decision" | "previous";
  /** The verdict that set `from`, when reason is `my_last_decision`. */
  action?: string;
}

/** Which two revisions a reviewer compares by default. */
export function chooseDiffBase({ revisions, history, userId }: DiffBaseOptions): DiffBase {
  const to = Math.max(...revisions.map((r) => r.number));
  const previous: DiffBase = { from: Math.max(1, to - 1), to, reason: "previous" };
  const mine = history
    .filter((h) => h.userId === userId && h.revisionId && VERDICTS.has(h.action))
    .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  const decided = mine && revisions.find((r) => r.id === mine.revisionId);
  if (!decided || decided.number >= to) return previous;
  return { from: decided.number, to, reason: "my_last_decision", action: mine.action };
}
