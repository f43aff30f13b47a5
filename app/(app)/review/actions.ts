"use server";

import { revalidatePath } from "next/cache";
import { addComment, addCommentInput } from "@/lib/review/comments";
import { bulkApprove, bulkApproveInput } from "@/lib/review/bulk-approve";
import { claimInput, claimItem, releaseClaim } from "@/lib/review/claim";
import { decide, decisionInput } from "@/lib/review/decide";
import { retireContent, retireInput } from "@/lib/review/retire-content";
import { withSessionAction } from "../../_auth/with-session";

// Each action parses its input and hands the session to lib, which authorizes.

const refresh = (contentItemId: string) => {
  revalidatePath("/review");
  revalidatePath(`/review/${contentItemId}`);
  revalidatePath(`/library/${contentItemId}`);
};

export const claimAction = withSessionAction(claimInput, async (session, input) => {
  const result = await claimItem(session, input);
  refresh(input.contentItemId);
  return result;
});

export const releaseAction = withSessionAction(claimInput, async (session, input) => {
  const result = await releaseClaim(session, input);
  refresh(input.contentItemId);
  return result;
});

export const decideAction = withSessionAction(decisionInput, async (session, input) => {
  const result = await decide(session, input);
  refresh(input.contentItemId);
  return result;
});

export const bulkApproveAction = withSessionAction(bulkApproveInput, async (session, input) => {
  const results = await bulkApprove(session, input);
  revalidatePath("/review");
  return results;
});

export const commentAction = withSessionAction(addCommentInput, async (session, input) => {
  const row = await addComment(session, input);
  refresh(input.contentItemId);
  return { id: row.id };
});

export const retireAction = withSessionAction(retireInput, async (session, input) => {
  const result = await retireContent(session, input);
  refresh(input.contentItemId);
  return result;
});
