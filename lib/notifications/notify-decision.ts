import type { Executor } from "@/db/client";
import { notifyUsers } from "./notify-users";

export type NotifiedDecision = "approved" | "changes_requested" | "rejected";

export interface NotifyDecisionInput {
  item: { id: string; brandId: string; title: string; createdBy: string | null };
  decision: NotifiedDecision;
  comment?: string | null;
  decidedBy: string;
}

const WORDS: Record<NotifiedDecision, string> = {
  approved: "Approved",
  changes_requested: "Changes requested",
  rejected: "Rejected",
};

/**
 * Tells an item's author of a decision that ends its review (published, sent back, or
 * rejected). An item made by an API key or the system has no author to tell.
 */
export async function notifyDecision(tx: Executor, input: NotifyDecisionInput): Promise<string[]> {
  const { item } = input;
  if (!item.createdBy || item.createdBy === input.decidedBy) return [];
  const word = WORDS[input.decision];
  return notifyUsers(tx, [
    {
      userId: item.createdBy,
      brandId: item.brandId,
      kind: "review_decision",
      contentItemId: item.id,
      title: `${word}: ${item.title}`,
      body: input.comment ? `${word} — “${input.comment}”` : `${word}.`,
    },
  ]);
}
