"use server";

import { revalidatePath } from "next/cache";
import { reviewChatCall, reviewChatCallInput } from "@/lib/chat/review-chat-call";
import { withSessionAction } from "../../../_auth/with-session";

/** lib/chat authorizes `review:act` on the call's brand and writes the audit entry. */
export const reviewChatCallAction = withSessionAction(reviewChatCallInput, async (session, input) => {
  const reviewed = await reviewChatCall(session, input);
  revalidatePath("/review/chat");
  return { id: reviewed.id, verdict: reviewed.verdict };
});
