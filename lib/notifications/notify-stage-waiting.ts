import type { Executor } from "@/db/client";
import type { WorkflowStage } from "@/db/schema/json/workflow-stages";
import { notifyUsers } from "./notify-users";
import { stageReviewers } from "./stage-reviewers";

export interface NotifyStageWaitingInput {
  item: { id: string; brandId: string; title: string };
  stage: Pick<WorkflowStage, "name" | "actor" | "slaHours">;
  /** Whoever moved the item (the submitter, the approving reviewer) is not told of it. */
  movedBy: string | null;
}

/** Tells each holder of a stage's role or group that an item waits for them there. */
export async function notifyStageWaiting(tx: Executor, input: NotifyStageWaitingInput): Promise<string[]> {
  const { item, stage } = input;
  const reviewers = (await stageReviewers(tx, item.brandId, stage)).filter((id) => id !== input.movedBy);
  return notifyUsers(
    tx,
    reviewers.map((userId) => ({
      userId,
      brandId: item.brandId,
      kind: "review_waiting" as const,
      contentItemId: item.id,
      title: `Waiting for review: ${item.title}`,
      body: `"${item.title}" is waiting at the ${stage.name} stage (SLA ${stage.slaHours} h).`,
    })),
  );
}
